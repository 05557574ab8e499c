import { acceptanceSize } from '../support/acceptance'
import { afterEach, describe, expect, it } from 'vitest'
import { bookInterview, connectedBullhornAgency, type Booked } from '../support/bullhorn'
import { coachingLinkOf, runCron, type TestAgency } from '../support/factories'
import { seededRandom } from '../support/fake-ats/server'
import { startFakeBullhorn } from '../support/fake-bullhorn'
import { resendBindings } from '../support/fake-resend'
import { recordedEventCount } from '../support/integrations'
import { forThisFile, useFakeResend, useHarness } from '../support/lifecycle'

// The acceptance run for Bullhorn: 200 interviews booked in Bullhorn arrive as subscription
// events, with duplicates, reschedules and cancellations, shuffled; then again with Bullhorn
// failing 30% of the calls. Each time exactly the right interviews exist, the cron sends one
// coaching email to each candidate whose interview takes place, none to the others, and each
// interview whose candidate marks notes sent gets one Note in Bullhorn.

const minute = 60_000
const interviews = acceptanceSize
const bullhorn = forThisFile(startFakeBullhorn, (fake) => fake.close())
const resend = useFakeResend()
const h = useHarness(() =>
  resendBindings(resend, {
    PROVIDER_URLS: JSON.stringify({ bullhorn: bullhorn.url }),
    // 190 coaching emails go at once: the fake Resend takes them as fast as they come
    RESEND_MAX_RPS: '1000',
  }),
)

afterEach(async () => {
  await h.db.deleteFrom('integrations').where('provider', '=', 'bullhorn').execute()
  bullhorn.reset()
})

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

type Planned = { booked: Booked; startsAt: number | null }

/** Books the interviews, changes some, and queues their events in a shuffled order. */
function planRun(random: () => number) {
  const now = Date.now()
  const planned: Planned[] = []
  const events: { id: number; type: 'INSERTED' | 'UPDATED' | 'DELETED' }[] = []
  for (let i = 0; i < interviews; i++) {
    const begin = now + 60 * minute + (i % 30) * minute
    const booked = bookInterview(bullhorn, { begin, minutes: 30 })
    const id = booked.appointment.id
    events.push({ id, type: 'INSERTED' })
    if (i < interviews * 0.05) {
      bullhorn.updateEntity('Appointment', id, { isDeleted: true })
      events.push({ id, type: 'DELETED' })
      planned.push({ booked, startsAt: null })
    } else if (i < interviews * 0.15) {
      const moved = begin + 30 * minute
      bullhorn.updateEntity('Appointment', id, { dateBegin: moved, dateEnd: moved + 30 * minute })
      events.push({ id, type: 'UPDATED' })
      planned.push({ booked, startsAt: moved })
    } else {
      planned.push({ booked, startsAt: begin })
    }
  }
  const duplicates = shuffled(events, random).slice(0, interviews * 0.1)
  const queued = shuffled([...events, ...duplicates], random)
  for (const event of queued) {
    bullhorn.pushEvent({
      entityName: 'Appointment',
      entityId: event.id,
      entityEventType: event.type,
    })
  }
  return { planned, events: queued.length }
}

/** Runs the cron until every event is applied; how many runs it took. */
async function pollUntilApplied(integrationId: string, events: number) {
  for (let run = 1; run <= 500; run++) {
    await runCron(h, new Date())
    if ((await recordedEventCount(h, integrationId)) === events) return run
  }
  throw new Error(
    `${await recordedEventCount(h, integrationId)} of ${events} events after 500 runs`,
  )
}

async function checkOutcome(agencyId: string, planned: Planned[]) {
  const rows = await h.db
    .selectFrom('interviews')
    .select(['id', 'external_id', 'starts_at', 'ends_at', 'canceled_at'])
    .where('agency_id', '=', agencyId)
    .execute()
  const byRef = new Map(rows.map((row) => [row.external_id!, row]))
  // a canceled appointment read for the first time is canceled already: no interview is made
  const refs = new Set(planned.map(({ booked }) => booked.externalId))
  expect(rows.filter((row) => !refs.has(row.external_id!))).toEqual([])
  expect(byRef.size).toBe(rows.length)
  const wrong = planned.flatMap(({ booked, startsAt }) => {
    const row = byRef.get(booked.externalId)
    if (startsAt === null)
      return !row || row.canceled_at ? [] : [`${booked.externalId} not canceled`]
    return row && !row.canceled_at && row.starts_at.getTime() === startsAt
      ? []
      : [`${booked.externalId}: ${row?.starts_at.toISOString()} instead of ${startsAt}`]
  })
  expect(wrong).toEqual([])

  const coached = (address: string) =>
    resend.sent.filter(
      (e) =>
        e.to.includes(address) && e.tags.some((t) => t.name === 'kind' && t.value === 'coaching'),
    ).length
  const ends = rows.map((row) => row.ends_at.getTime())
  await runCron(h, new Date(Math.min(...ends) - minute))
  expect(planned.filter(({ booked }) => coached(booked.email) > 0)).toEqual([])
  await runCron(h, new Date(Math.max(...ends) + minute))
  await runCron(h, new Date(Math.max(...ends) + 2 * minute))
  const counts = planned.map(({ booked, startsAt }) => [startsAt !== null, coached(booked.email)])
  expect(counts.filter(([takesPlace, n]) => n !== (takesPlace ? 1 : 0))).toEqual([])
  return { byRef, lastEnd: Math.max(...ends) }
}

/**
 * The candidates of every fourth interview that takes place mark a note sent; once the marks
 * rest, each of those interviews has exactly one Note in Bullhorn, and no other has any.
 */
async function checkWriteBacks(
  agency: TestAgency,
  planned: Planned[],
  outcome: Awaited<ReturnType<typeof checkOutcome>>,
) {
  const marked = planned.filter(({ startsAt }) => startsAt !== null).filter((_, i) => i % 4 === 0)
  for (const { booked } of marked) {
    const interviewId = outcome.byRef.get(booked.externalId)!.id
    const interview = await h.request('GET', `/v1/interviews/${interviewId}`, {
      token: agency.secretKey,
    })
    const res = await h.request('POST', `/c/${await coachingLinkOf(h, interviewId)}/events`, {
      json: { type: 'sent', interviewerId: interview.body.interviewers[0].id },
    })
    expect(res.status, res.text).toBe(200)
  }
  // a write that fails is tried again after a backoff (up to 6 hours): each run an hour later
  const hour = 60 * minute
  let run = 0
  while (bullhorn.notes.length < marked.length && run < 50) {
    run += 1
    await runCron(h, new Date(Date.now() + 10 * minute + run * hour))
  }
  await runCron(h, new Date(Date.now() + (run + 7) * hour))
  const notesPerCandidate = new Map<number, number>()
  for (const note of bullhorn.notes) {
    const id = note.personReference.id
    notesPerCandidate.set(id, (notesPerCandidate.get(id) ?? 0) + 1)
  }
  expect([...notesPerCandidate.values()].filter((n) => n !== 1)).toEqual([])
  expect([...notesPerCandidate.keys()].sort()).toEqual(
    marked.map(({ booked }) => booked.candidate.id).sort(),
  )
}

describe('acceptance: 200 interviews from Bullhorn', () => {
  it('shuffled, with 10% duplicates, 10% reschedules and 5% cancellations', async () => {
    const world = await connectedBullhornAgency(h, bullhorn, { ownerIsRecruiter: false })
    const run = planRun(seededRandom(20261130))
    const runs = await pollUntilApplied(world.integrationId, run.events)
    expect(runs).toBe(1)
    const outcome = await checkOutcome(world.agency.id, run.planned)
    await checkWriteBacks(world.agency, run.planned, outcome)
  }, 120_000)

  it('the same, with Bullhorn failing 30% of the calls', async () => {
    const world = await connectedBullhornAgency(h, bullhorn, { ownerIsRecruiter: false })
    const run = planRun(seededRandom(7))
    bullhorn.failRate(0.3, { seed: 7 })
    const runs = await pollUntilApplied(world.integrationId, run.events)
    bullhorn.failRate(0)
    const failed = bullhorn.calls.filter((c) => c.failure !== null).length
    expect(failed).toBeGreaterThan(interviews / 4)
    const outcome = await checkOutcome(world.agency.id, run.planned)
    bullhorn.failRate(0.3, { seed: 11 })
    await checkWriteBacks(world.agency, run.planned, outcome)
    bullhorn.failRate(0)
    console.info('bullhorn run with failures', { events: run.events, runs, failed })
  }, 120_000)
})
