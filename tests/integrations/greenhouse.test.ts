import { describe, expect, it } from 'vitest'
import { createAgency, createSession, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import {
  createGreenhouseIntegration,
  deliverGreenhouse,
  greenhouseBindings,
  recruiterIdOf,
  scheduleInGreenhouse,
  useFakeGreenhouse,
} from '../support/greenhouse'
import { greenhousePayloads } from '../support/fake-greenhouse'
import { agencyRowsDigest } from '../support/integrations'
import { useFakeResend, useHarness } from '../support/lifecycle'

// Greenhouse as an agency uses it: its web hooks reach the integration, the worker reads the
// interviews from Harvest (the fake on loopback), and the coaching email goes at the interview's
// end. Greenhouse sends no web hook when an interview is scheduled or moved, only application
// events and interview_deleted, so those are what these tests send.

const minute = 60_000
const hour = 60 * minute
const resend = useFakeResend()
const fake = useFakeGreenhouse()
const h = useHarness(() => ({ ...resendBindings(resend), ...greenhouseBindings(fake) }))

async function world(settings?: Record<string, unknown>) {
  const agency = await createAgency(h)
  const organizer = fake.addUser({ first_name: 'Rita', last_name: 'Recruiter' })
  await createSession(h, agency, { externalId: recruiterIdOf(organizer), name: 'Rita Recruiter' })
  const { integration, writer } = await createGreenhouseIntegration(h, agency, fake, settings)
  const schedule = (startsAt: Date, options: Parameters<typeof scheduleInGreenhouse>[2] = {}) =>
    scheduleInGreenhouse(fake, startsAt, {
      ...options,
      overrides: { organizer, ...options.overrides },
    })
  return { agency, organizer, integration, writer, schedule }
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

const coachingTo = (address: string) =>
  resend.sent.filter(
    (e) =>
      e.to.includes(address) && e.tags.some((t) => t.name === 'kind' && t.value === 'coaching'),
  ).length

describe('greenhouse integration', () => {
  it('refuses credentials it cannot use', async () => {
    const agency = await createAgency(h)
    const res = await h.request('POST', '/v1/integrations', {
      token: agency.secretKey,
      json: { provider: 'greenhouse', credentials: { harvestApiKey: fake.apiToken } },
    })
    expect(res.status).toBe(400)
    expect(res.text).toContain('credentials.onBehalfOf')
  })

  it('schedules the interview a web hook names, with its fields, and coaches at its end', async () => {
    const { agency, organizer, integration } = await world()
    const startsAt = new Date(Date.now() + 2 * hour)
    const record = scheduleInGreenhouse(fake, startsAt, { overrides: { organizer } })
    const ping = await deliverGreenhouse(h, integration, 'ping', greenhousePayloads.ping())
    expect(ping.body).toEqual({ result: 'ignored', reason: expect.stringContaining('ping') })

    const res = await deliverGreenhouse(h, integration, 'application_updated', record.payload())
    expect(res.status, res.text).toBe(200)
    expect(res.body.result).toBe('created')
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
    expect(interview.recruiter?.name).toBe('Rita Recruiter')
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'GET',
      path: `/v1/applications/${record.application.id}/scheduled_interviews`,
    })

    const endsAt = startsAt.getTime() + 45 * minute
    await runCron(h, new Date(endsAt - minute))
    expect(coachingTo(record.email!)).toBe(0)
    await runCron(h, new Date(endsAt + minute))
    await expect.poll(() => coachingTo(record.email!), { timeout: 10_000 }).toBe(1)
  })
})
