import { expect } from 'vitest'
import { expectCoachingAtEnds, shuffled } from './acceptance'
import { coachingLinkOf, runCron } from './factories'
import { greenhousePayloads, type FakeGreenhouse } from './fake-greenhouse'
import type { FakeResend } from './fake-resend'
import type { Harness } from './harness'
import { deliverGreenhouse, type scheduleInGreenhouse } from './greenhouse'
import type { TestIntegration } from './integrations'

// The Greenhouse acceptance run: interviews scheduled in Greenhouse, their application web hooks
// delivered in a shuffled order with duplicates; halfway through, recruiters move some and cancel
// others in Greenhouse, whose web hooks join the rest. A delivery answered 503 (Harvest failing)
// is sent again later, as Greenhouse retries.

const minute = 60_000

type Scheduled = ReturnType<typeof scheduleInGreenhouse>

interface Delivery {
  action: string
  payload: unknown
  eventId: string
}

export interface PlannedRecord {
  record: Scheduled
  /** where it must end: null when canceled */
  startsAt: string | null
}

const applicationActions = [
  'new_candidate_application',
  'application_updated',
  'candidate_stage_change',
]

function applicationDelivery(record: Scheduled, index: number): Delivery {
  return {
    action: applicationActions[index % applicationActions.length]!,
    payload: record.payload(),
    eventId: crypto.randomUUID(),
  }
}

export async function runGreenhouseScenario(
  h: Harness,
  fake: FakeGreenhouse,
  integration: TestIntegration,
  schedule: (startsAt: Date, options: { minutes: number }) => Scheduled,
  random: () => number,
  size: number,
) {
  const now = Date.now()
  const planned: PlannedRecord[] = []
  for (let i = 0; i < size; i++) {
    const startsAt = new Date(now + 60 * minute + (i % 30) * minute)
    planned.push({ record: schedule(startsAt, { minutes: 30 }), startsAt: startsAt.toISOString() })
  }
  const first = shuffled(
    planned.map(({ record }, i) => applicationDelivery(record, i)),
    random,
  )
  const early = first.slice(0, Math.floor(first.length * 0.6))
  const answers: Record<string, number> = {}
  let unavailable = 0
  const sendAll = async (queue: Delivery[]) => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
      const { action, payload, eventId } = delivery
      const res = await deliverGreenhouse(h, integration, action, payload, { eventId })
      if (res.status === 503) {
        unavailable += 1
        queue.splice(Math.floor(random() * (queue.length + 1)), 0, delivery)
        continue
      }
      expect(res.status, res.text).toBe(200)
      answers[res.body.result] = (answers[res.body.result] ?? 0) + 1
    }
  }
  // days of an agency's web hooks arrive here within seconds, far faster than Harvest's limit
  // (about 75 calls in 30 s) lets their reads through; the limit's 429 has tests of its own
  fake.setRateLimit(100_000)
  try {
    await sendAll([...early])

    // 5% canceled, 10% moved by half an hour, after some of them were heard of
    const later: Delivery[] = []
    planned.forEach((plan, i) => {
      const { interview } = plan.record
      if (i < size * 0.05) {
        fake.removeScheduledInterview(interview.id)
        plan.startsAt = null
        const payload = greenhousePayloads.interviewDeleted(interview.id)
        later.push({ action: 'interview_deleted', payload, eventId: crypto.randomUUID() })
      } else if (i < size * 0.15) {
        const movedTo = new Date(Date.parse(plan.startsAt!) + 30 * minute)
        fake.updateScheduledInterview(interview.id, {
          starts_at: movedTo.toISOString(),
          ends_at: new Date(movedTo.getTime() + 30 * minute).toISOString(),
        })
        plan.startsAt = movedTo.toISOString()
        later.push(applicationDelivery(plan.record, i))
      }
    })
    const all = [...first, ...later]
    const duplicates = shuffled(all, random).slice(0, Math.floor(all.length * 0.1))
    await sendAll(shuffled([...first.slice(early.length), ...later, ...duplicates], random))
    return { planned, deliveries: all.length + duplicates.length, answers, unavailable }
  } finally {
    fake.setRateLimit()
  }
}

export type ScenarioResult = Awaited<ReturnType<typeof runGreenhouseScenario>>

/**
 * Exactly the right interviews, one per Greenhouse interview (canceled ones canceled or never
 * made), then one coaching email each at its end. Returns the agency's interviews.
 */
export async function checkGreenhouseRun(
  h: Harness,
  resend: FakeResend,
  agencyId: string,
  planned: PlannedRecord[],
) {
  const rows = await h.db
    .selectFrom('interviews')
    .select(['id', 'external_id', 'starts_at', 'ends_at', 'canceled_at'])
    .where('agency_id', '=', agencyId)
    .execute()
  const byRef = new Map(rows.map((row) => [row.external_id!, row]))
  expect(rows).toHaveLength(byRef.size)
  const wrong: string[] = []
  for (const { record, startsAt } of planned) {
    const row = byRef.get(String(record.interview.id))
    if (startsAt === null) {
      if (row && !row.canceled_at) wrong.push(`${record.interview.id} should be canceled`)
    } else if (!row || row.canceled_at || row.starts_at.toISOString() !== startsAt) {
      wrong.push(`${record.interview.id}: ${row?.starts_at.toISOString()} instead of ${startsAt}`)
    }
  }
  expect(wrong).toEqual([])
  expect(rows.length).toBeLessThanOrEqual(planned.length)
  const candidates = planned.map(({ record, startsAt }) => ({
    email: record.email!,
    takesPlace: startsAt !== null,
  }))
  const ends = rows.map((row) => row.ends_at)
  return { rows, emailed: await expectCoachingAtEnds(h, resend, ends, candidates) }
}

/**
 * The candidates of `interviews` mark their first interviewer's note sent; the cron runs until
 * every write-back has settled. Returns how many notes each candidate has in Greenhouse.
 */
export async function markAndWriteBack(
  h: Harness,
  fake: FakeGreenhouse,
  interviews: { id: string; candidateId: number }[],
) {
  for (const { id } of interviews) {
    const link = `/c/${await coachingLinkOf(h, id)}`
    const [first] = await h.db
      .selectFrom('interviewers')
      .select('id')
      .where('interview_id', '=', id)
      .execute()
    const res = await h.request('POST', `${link}/events`, {
      json: { type: 'sent', interviewerId: first!.id },
    })
    expect(res.status, res.text).toBe(200)
  }
  const ids = interviews.map(({ id }) => id)
  // each run is at the time the next write falls due (failed writes wait out their backoff);
  // Harvest's limit (about 75 calls in 30 s) counts real seconds, which this compressed clock skips
  fake.setRateLimit(100_000)
  try {
    let at = Date.now() + 6 * minute
    for (let run = 0; run < 60; run++) {
      await runCron(h, new Date(at))
      const next = await h.db
        .selectFrom('write_backs')
        .select((eb) => eb.fn.min('due_at').as('due'))
        .where('interview_id', 'in', ids)
        .where('state', 'in', ['pending', 'sending'])
        .executeTakeFirst()
      if (!next?.due) break
      at = Math.max(at + 1000, new Date(next.due).getTime())
    }
  } finally {
    fake.setRateLimit()
  }
  return interviews.map(
    ({ candidateId }) => fake.notes.filter((note) => note.candidate_id === candidateId).length,
  )
}
