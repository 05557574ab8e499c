import { describe, expect, it } from 'vitest'
import { linkTokenFor } from '../../worker/services/coaching-links'
import {
  expectRecordsAndCoaching,
  shuffled,
  type ExpectedRecords,
  acceptanceSize,
} from '../support/acceptance'
import { seededRandom } from '../support/fake-ats/server'
import { LINK_SECRET } from '../support/harness'
import { createAgency, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import {
  createWebhookIntegration,
  deliver,
  eventInterview,
  inboundEvent,
  recordedEventCount,
  type TestIntegration,
} from '../support/integrations'
import { useFakeResend, useHarness, useReceiver } from '../support/lifecycle'

// The acceptance run: 200 interviews arrive from an ATS as events, with duplicates, reschedules
// and cancellations, in a shuffled order; then again with 30% of the answers lost on the way
// back, so the sender re-sends those events later, out of order. Each time, exactly the right
// interviews exist, and the cron sends exactly one coaching email to each candidate whose
// interview still takes place, none to the others.

const minute = 60_000
const interviews = acceptanceSize
// on a real server the sender delivers several at once; PGlite serves one connection
const concurrency = process.env.TEST_DATABASE_URL ? 4 : 1
const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))
const receiver = useReceiver()

type Event = ReturnType<typeof inboundEvent>

/** The events of the run in the order sent, and what each record must end as (null: canceled). */
function planRun(prefix: string, random: () => number) {
  const now = Date.now()
  const at = (ms: number) => new Date(now - 10 * minute + ms).toISOString()
  const events: Event[] = []
  const expected: ExpectedRecords = new Map()
  for (let i = 0; i < interviews; i++) {
    const id = `${prefix}-${i}`
    const startsAt = new Date(now + 60 * minute + (i % 30) * minute).toISOString()
    const data = eventInterview(id, { startsAt })
    const email = (data.candidate as { email: string }).email
    events.push(inboundEvent('interview.scheduled', data, { occurredAt: at(i) }))
    if (i < interviews * 0.05) {
      const cancel = { externalRef: { id } }
      events.push(inboundEvent('interview.canceled', cancel, { occurredAt: at(2 * minute + i) }))
      expected.set(id, { startsAt: null, email })
    } else if (i < interviews * 0.15) {
      const movedTo = new Date(Date.parse(startsAt) + 30 * minute).toISOString()
      const moved = eventInterview(id, { startsAt: movedTo })
      events.push(inboundEvent('interview.updated', moved, { occurredAt: at(minute + i) }))
      expected.set(id, { startsAt: movedTo, email })
    } else {
      expected.set(id, { startsAt, email })
    }
  }
  const duplicates = shuffled(events, random).slice(0, interviews * 0.1)
  return { events, expected, deliveries: shuffled([...events, ...duplicates], random) }
}

/**
 * Sends every delivery until the sender has an answer for each: a lost answer (the event was
 * received, the sender cannot know) puts the same event back at a random later place.
 */
async function sendAll(
  integration: TestIntegration,
  deliveries: Event[],
  random: () => number,
  lossRate: number,
) {
  const queue = [...deliveries]
  const answers: Record<string, number> = {}
  let lost = 0
  async function sender() {
    for (let event = queue.shift(); event; event = queue.shift()) {
      const res = await deliver(h, integration, event)
      expect(res.status, res.text).toBe(200)
      if (random() < lossRate) {
        lost += 1
        queue.splice(Math.floor(random() * (queue.length + 1)), 0, event)
        continue
      }
      answers[res.body.result] = (answers[res.body.result] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, sender))
  return { answers, lost }
}

/**
 * The candidate of every interview that takes place marks a note sent; once the marks rest, the
 * cron writes each back exactly once, with `failRate` of the receiver's answers failing (a 503,
 * or a 500 after it took the write: the answer lost) until every one is written.
 */
async function checkWriteBacks(agencyId: string, random: () => number, failRate: number) {
  receiver.clear()
  for (let i = 0; i < 2000; i++) {
    receiver.answers.push(random() < failRate ? (random() < 0.5 ? 503 : 500) : 200)
  }
  const taking = await h.db
    .selectFrom('interviews as i')
    .innerJoin('interviewers as p', 'p.interview_id', 'i.id')
    .select(['i.id', 'p.id as interviewer_id', 'i.ends_at'])
    .where('i.agency_id', '=', agencyId)
    .where('i.canceled_at', 'is', null)
    .where('p.position', '=', 0)
    .execute()
  for (const row of taking) {
    const res = await h.request('POST', `/c/${await linkTokenFor(LINK_SECRET, row.id)}/events`, {
      json: { type: 'sent', interviewerId: row.interviewer_id },
    })
    expect(res.status, res.text).toBe(200)
  }
  const start = Math.max(Date.now(), ...taking.map((row) => row.ends_at.getTime()))
  for (let run = 1; run <= 40; run++) {
    await runCron(h, new Date(start + (10 + 15 * run) * minute))
    const open = await h.db
      .selectFrom('write_backs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('agency_id', '=', agencyId)
      .where('state', '!=', 'written')
      .executeTakeFirstOrThrow()
    if (Number(open.n) === 0) break
  }
  const byInterview = new Map<string, { ids: Set<string>; taken: number }>()
  for (const got of receiver.received) {
    const body = JSON.parse(got.raw)
    const seen = byInterview.get(body.interview.id) ?? { ids: new Set(), taken: 0 }
    seen.ids.add(body.id)
    if (got.status === 200) seen.taken += 1
    byInterview.set(body.interview.id, seen)
  }
  const wrong = taking.filter((row) => {
    const seen = byInterview.get(row.id)
    return !seen || seen.ids.size !== 1 || seen.taken !== 1
  })
  expect(wrong.map((row) => row.id)).toEqual([])
  expect(byInterview.size).toBe(taking.length)
  return { writeBacks: taking.length, calls: receiver.received.length }
}

describe('acceptance: 200 interviews from an ATS', () => {
  it('shuffled, with 10% duplicates, 10% reschedules and 5% cancellations', async () => {
    const agency = await createAgency(h)
    const integration = await createWebhookIntegration(h, agency, { writeBackUrl: receiver.url })
    const random = seededRandom(20261130)
    const run = planRun('ats', random)
    const { answers } = await sendAll(integration, run.deliveries, random, 0)
    expect(answers.duplicate).toBe(interviews * 0.1)
    const emailed = await expectRecordsAndCoaching(h, fake, agency.id, run.expected)
    expect(emailed).toBe(interviews * 0.95)
    const list = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    const counts = list.body.data[0].counts
    expect(counts.created + counts.updated + counts.canceled + counts.ignored).toBe(
      run.events.length,
    )
    const written = await checkWriteBacks(agency.id, random, 0)
    expect(written.calls).toBe(written.writeBacks)
    console.info('acceptance run', {
      deliveries: run.deliveries.length,
      answers,
      counts,
      emailed,
      ...written,
    })
  }, 240_000)

  it('the same, when 30% of the answers are lost and the sender re-sends later', async () => {
    const agency = await createAgency(h)
    const integration = await createWebhookIntegration(h, agency, { writeBackUrl: receiver.url })
    const random = seededRandom(7)
    const run = planRun('lossy', random)
    const { answers, lost } = await sendAll(integration, run.deliveries, random, 0.3)
    expect(lost).toBeGreaterThan(run.deliveries.length * 0.2)
    const emailed = await expectRecordsAndCoaching(h, fake, agency.id, run.expected)
    expect(emailed).toBe(interviews * 0.95)
    expect(await recordedEventCount(h, integration.id)).toBe(run.events.length)
    const written = await checkWriteBacks(agency.id, random, 0.3)
    expect(written.calls).toBeGreaterThan(written.writeBacks * 1.2)
    console.info('lossy run', {
      deliveries: run.deliveries.length,
      lost,
      answers,
      emailed,
      ...written,
    })
  }, 240_000)
})
