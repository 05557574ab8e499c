import { describe, expect, it } from 'vitest'
import { createAgency, createSession, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import type { GreenhouseUser } from '../support/fake-greenhouse'
import {
  createGreenhouseIntegration,
  deliverGreenhouse,
  greenhouseBindings,
  recruiterIdOf,
  scheduleInGreenhouse,
  useFakeGreenhouse,
} from '../support/greenhouse'
import { useFakeResend, useHarness } from '../support/lifecycle'

// The cron's poll of Harvest's scheduled interviews: what Greenhouse schedules or moves without
// any web hook still reaches the integration, once, within a run or two.

const minute = 60_000
const hour = 60 * minute
const resend = useFakeResend()
const fake = useFakeGreenhouse()
const h = useHarness(() => ({ ...resendBindings(resend), ...greenhouseBindings(fake) }))

/**
 * An agency on Greenhouse, alone: every integration reads the one fake Greenhouse, so those of
 * earlier tests go, with the fake's records, calls and rate-limit window.
 */
async function world(recruiters = 1) {
  await h.db.deleteFrom('integrations').where('provider', '=', 'greenhouse').execute()
  fake.reset()
  const agency = await createAgency(h)
  const organizers: GreenhouseUser[] = []
  for (let i = 0; i < recruiters; i++) {
    const organizer = fake.addUser({ first_name: 'Rita', last_name: `Poller${i}` })
    await createSession(h, agency, { externalId: recruiterIdOf(organizer), name: organizer.name })
    organizers.push(organizer)
  }
  const { integration } = await createGreenhouseIntegration(h, agency, fake)
  let scheduled = 0
  const schedule = (startsAt: Date, minutes = 45) =>
    scheduleInGreenhouse(fake, startsAt, {
      minutes,
      overrides: { organizer: organizers[scheduled++ % recruiters] },
    })
  return { agency, organizer: organizers[0]!, integration, schedule }
}

async function interviewOf(agency: { secretKey: string }, scheduledInterviewId: number) {
  const res = await h.request(
    'GET',
    `/v1/interviews?externalSystem=greenhouse&externalId=${scheduledInterviewId}`,
    { token: agency.secretKey },
  )
  expect(res.status, res.text).toBe(200)
  return res.body.data as any[]
}

async function integrationRow(id: string) {
  return h.db
    .selectFrom('integrations')
    .select(['created_count', 'updated_count', 'ignored_count', 'last_error', 'poll_state'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

const later = (minutes: number) => new Date(Date.now() + minutes * minute)

/** Harvest reads of the application (the poll's per-interview work). */
const applicationReads = (applicationId: number) =>
  fake.calls.filter(
    (c) =>
      c.method === 'GET' &&
      c.path === '/v3/applications' &&
      c.query.get('ids') === String(applicationId),
  ).length

const coachingTo = (address: string) =>
  resend.sent.filter(
    (e) =>
      e.to.includes(address) && e.tags.some((t) => t.name === 'kind' && t.value === 'coaching'),
  ).length

describe('greenhouse poll', () => {
  it('finds an interview no web hook announced, with its fields, and coaches at its end', async () => {
    const { agency, organizer, integration, schedule } = await world()
    const startsAt = new Date(Date.now() + 2 * hour)
    const record = schedule(startsAt)
    expect(await interviewOf(agency, record.interview.id)).toHaveLength(0)

    await runCron(h, later(1))
    const [interview] = await interviewOf(agency, record.interview.id)
    expect(interview).toMatchObject({
      candidate: { name: record.name, email: record.email },
      roleTitle: 'Warehouse Supervisor',
      clientCompany: 'Initech',
      startsAt: startsAt.toISOString(),
      durationMinutes: 45,
      format: 'onsite',
      interviewers: [{ name: 'Hugo Reyes', email: 'hugo.reyes@example.com' }],
      externalRef: { system: 'greenhouse', id: String(record.interview.id) },
    })
    expect(interview.recruiter?.name).toBe(organizer.name)
    expect(await integrationRow(integration.id)).toMatchObject({ created_count: 1 })

    const endsAt = startsAt.getTime() + 45 * minute
    await runCron(h, new Date(endsAt - minute))
    expect(coachingTo(record.email!)).toBe(0)
    await runCron(h, new Date(endsAt + minute))
    await expect.poll(() => coachingTo(record.email!), { timeout: 10_000 }).toBe(1)
  })

  it('moves the interview when Greenhouse does, with no web hook', async () => {
    const { agency, integration, schedule } = await world()
    const startsAt = new Date(Date.now() + 3 * hour)
    const record = schedule(startsAt)
    await runCron(h, later(1))
    expect(await interviewOf(agency, record.interview.id)).toHaveLength(1)

    const movedTo = new Date(startsAt.getTime() + 90 * minute)
    await new Promise((resolve) => setTimeout(resolve, 5))
    fake.updateScheduledInterview(record.interview.id, {
      starts_at: movedTo.toISOString(),
      ends_at: new Date(movedTo.getTime() + 30 * minute).toISOString(),
      video_conferencing_url: 'https://meet.example.com/abc',
    })
    await runCron(h, later(2))
    const [moved] = await interviewOf(agency, record.interview.id)
    expect(moved).toMatchObject({
      startsAt: movedTo.toISOString(),
      durationMinutes: 30,
      format: 'video',
    })
    expect(await integrationRow(integration.id)).toMatchObject({
      created_count: 1,
      updated_count: 1,
    })
  })

  it('counts a version heard of by web hook and by poll once, in either order', async () => {
    const { agency, integration, schedule } = await world()
    const first = schedule(new Date(Date.now() + 4 * hour))
    const hooked = await deliverGreenhouse(h, integration, 'application_updated', first.payload())
    expect(hooked.body.result).toBe('created')
    await runCron(h, later(1))

    const second = schedule(new Date(Date.now() + 5 * hour))
    await runCron(h, later(2))
    const after = await deliverGreenhouse(h, integration, 'application_updated', second.payload())
    expect(after.status, after.text).toBe(200)
    expect(after.body.result).toBe('duplicate')

    expect(await interviewOf(agency, first.interview.id)).toHaveLength(1)
    expect(await interviewOf(agency, second.interview.id)).toHaveLength(1)
    expect(await integrationRow(integration.id)).toMatchObject({
      created_count: 2,
      updated_count: 0,
    })
  })

  it('loses nothing while Harvest is down: the next poll catches up', async () => {
    const { agency, integration, schedule } = await world()
    await runCron(h, later(1))
    const before = (await integrationRow(integration.id)).poll_state
    const record = schedule(new Date(Date.now() + 6 * hour))

    fake.down({ status: 503 })
    await runCron(h, later(2))
    fake.up()
    const failed = await integrationRow(integration.id)
    expect(failed.last_error).toMatch(/^Polling Greenhouse: Harvest answered 503/)
    expect(failed.poll_state).toEqual(before)
    expect(await interviewOf(agency, record.interview.id)).toHaveLength(0)

    await runCron(h, later(3))
    expect(await interviewOf(agency, record.interview.id)).toHaveLength(1)
    expect(await integrationRow(integration.id)).toMatchObject({ created_count: 1 })
  })

  it('reads each change once: the cursor moves past what was applied', async () => {
    const { agency, integration, schedule } = await world()
    const record = schedule(new Date(Date.now() + 7 * hour))
    await runCron(h, later(1))
    expect(await interviewOf(agency, record.interview.id)).toHaveLength(1)
    expect(applicationReads(record.application.id)).toBe(1)

    await runCron(h, later(2))
    await runCron(h, later(3))
    expect(applicationReads(record.application.id)).toBe(1)
    const state = (await integrationRow(integration.id)).poll_state
    expect(state).toMatchObject({
      provider: 'greenhouse',
      updatedAfter: record.interview.updated_at,
      seen: [record.interview.id],
      next: null,
    })
    const listings = fake.calls.filter(
      (c) => c.path === '/v3/interviews' && c.query.has('updated_at'),
    )
    expect(listings.at(-1)!.query.get('updated_at')).toBe(`gte|${record.interview.updated_at}`)
  })

  it('works off a backlog a few pages a run, passing over interviews already over', async () => {
    // spread over recruiters, so no recruiter's hourly quota of coaching emails is reached
    const { agency, integration, schedule } = await world(5)
    // 51 interviews take more than Harvest's 75 calls in 30 s: lifted, to see the page bound
    fake.setRateLimit(10_000)
    const past = schedule(new Date(Date.now() - 3 * hour))
    const coming = Array.from({ length: 50 }, (_, i) =>
      schedule(new Date(Date.now() + (10 + i) * hour)),
    )
    await runCron(h, later(1))
    const midway = (await integrationRow(integration.id)).poll_state as { next: string | null }
    expect(midway.next).not.toBeNull()
    await runCron(h, later(2))
    for (const record of coming) {
      expect(await interviewOf(agency, record.interview.id)).toHaveLength(1)
    }
    expect(await interviewOf(agency, past.interview.id)).toHaveLength(0)
    expect(applicationReads(past.application.id)).toBe(0)
    expect(await integrationRow(integration.id)).toMatchObject({ created_count: 50 })
  })
})
