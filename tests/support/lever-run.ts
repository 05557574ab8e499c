import { expect } from 'vitest'
import { runCron, type TestAgency } from './factories'
import { shuffled, type ExpectedRecords } from './acceptance'
import type { FakeLever, LeverEvent } from './fake-lever'
import type { Harness } from './harness'
import {
  interviewData,
  markFirstNoteSent,
  postBody,
  signedBody,
  type LeverIntegration,
} from './lever'

// The acceptance run as Lever plays it: interviews scheduled in Lever, some moved, some canceled
// (kept with canceledAt) or deleted, every change announced by a signed webhook; the webhooks
// arrive shuffled, some twice, and each one Lever gets no 2xx for is sent again later.

const minute = 60_000

export interface PlannedDelivery {
  raw: string
  /** false for what is answered without being recorded: the creation of a since deleted interview */
  recorded: boolean
}

export interface LeverRun {
  deliveries: PlannedDelivery[]
  /** distinct webhooks (without the duplicates) */
  webhooks: PlannedDelivery[]
  expected: ExpectedRecords
}

/**
 * Sets up `count` interviews in the fake Lever in their final state and the webhooks that
 * announced them: 5% canceled (half kept with canceledAt, half deleted), 10% moved, 10% of the
 * webhooks sent twice, all shuffled. Webhook times lie in the last minute, inside the 5 minutes
 * a signature is taken for.
 */
export function planLeverRun(
  lever: FakeLever,
  integration: LeverIntegration,
  prefix: string,
  random: () => number,
  count = 200,
): LeverRun {
  const now = Date.now()
  const base = now - minute
  const webhooks: PlannedDelivery[] = []
  const expected: ExpectedRecords = new Map()
  const announce = (
    event: LeverEvent,
    data: Record<string, unknown>,
    at: number,
    recorded = true,
  ) =>
    webhooks.push({ raw: signedBody(integration.webhookToken, event, data, base + at), recorded })
  for (let i = 0; i < count; i++) {
    const email = `${prefix}.${i}@example.com`
    const opportunity = lever.addOpportunity({ name: `Lever Candidate ${i}`, emails: [email] })
    const date = now + 60 * minute + (i % 30) * minute
    const interview = lever.addInterview(opportunity.id, { date, duration: 30 })
    const ref = `${opportunity.id}/${interview.id}`
    const data = interviewData(interview)
    if (i < count * 0.05) {
      if (i % 2 === 0) {
        lever.updateInterview(interview.id, { canceledAt: now })
        announce('interviewCreated', data, i)
        announce('interviewUpdated', data, 40_000 + i)
      } else {
        lever.removeInterview(interview.id)
        announce('interviewCreated', data, i, false)
        announce('interviewDeleted', data, 40_000 + i)
      }
      expected.set(ref, { startsAt: null, email })
    } else if (i < count * 0.15) {
      const movedTo = date + 30 * minute
      lever.updateInterview(interview.id, { date: movedTo })
      announce('interviewCreated', data, i)
      announce('interviewUpdated', data, 20_000 + i)
      expected.set(ref, { startsAt: new Date(movedTo).toISOString(), email })
    } else {
      announce('interviewCreated', data, i)
      expected.set(ref, { startsAt: new Date(date).toISOString(), email })
    }
  }
  const duplicates = shuffled(webhooks, random).slice(0, count * 0.1)
  return { webhooks, expected, deliveries: shuffled([...webhooks, ...duplicates], random) }
}

/**
 * Sends every delivery until it is answered 200, putting each one answered 503 (Lever could not
 * be read) back at a random later place, as Lever re-sends. The answers' results and the re-sends.
 */
export async function sendLeverRun(
  integration: LeverIntegration,
  deliveries: PlannedDelivery[],
  random: () => number,
) {
  const queue = [...deliveries]
  const answers: Record<string, number> = {}
  let resent = 0
  for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
    const res = await postBody(integration, delivery.raw)
    if (res.status === 503) {
      resent += 1
      queue.splice(Math.floor(random() * (queue.length + 1)), 0, delivery)
      continue
    }
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    answers[res.body.result] = (answers[res.body.result] ?? 0) + 1
  }
  return { answers, resent }
}

/**
 * The candidates of every `every`-th interview that takes place mark a note sent; the cron then
 * runs (hours apart, past any backoff) until no write-back is left to do. Each of those
 * interviews must end with exactly one note on its opportunity, carrying its marker, and no other
 * opportunity a note. The number of interviews with notes.
 */
export async function checkLeverWriteBacks(
  h: Harness,
  lever: FakeLever,
  agency: TestAgency,
  every = 10,
) {
  const rows = await h.db
    .selectFrom('interviews')
    .select(['id', 'external_id'])
    .where('agency_id', '=', agency.id)
    .where('canceled_at', 'is', null)
    .orderBy('external_id')
    .execute()
  const chosen = rows.filter((_row, i) => i % every === 0)
  for (const row of chosen) await markFirstNoteSent(h, agency, row.id)
  const start = Date.now() + 6 * minute
  for (let run = 0; run < 15; run++) {
    await runCron(h, new Date(start + run * 7 * 60 * minute))
    const open = await h.db
      .selectFrom('write_backs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('agency_id', '=', agency.id)
      .where('state', '!=', 'written')
      .executeTakeFirstOrThrow()
    if (Number(open.n) === 0) break
  }
  const opportunities = new Set(rows.map((row) => row.external_id!.split('/')[0]))
  const notes = lever.notes.filter((note) => opportunities.has(note.opportunityId))
  const wrong = chosen.filter((row) => {
    const [opportunityId] = row.external_id!.split('/')
    const own = notes.filter((note) => note.opportunityId === opportunityId)
    return own.length !== 1 || !own[0]!.value.includes(`Followthrough ref: ${row.id}`)
  })
  expect(wrong.map((row) => row.external_id)).toEqual([])
  expect(notes).toHaveLength(chosen.length)
  // note writes Lever carried out whose answer never came back
  const lostAnswers = lever.calls.filter(
    (call) =>
      call.method === 'POST' &&
      opportunities.has(call.path.split('/')[3]) &&
      call.failure !== null &&
      'carriedOut' in call.failure,
  ).length
  return { noted: chosen.length, lostAnswers }
}
