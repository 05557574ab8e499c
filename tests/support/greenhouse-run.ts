import { expect } from 'vitest'
import { shuffled } from './acceptance'
import { greenhousePayloads, type FakeGreenhouse } from './fake-greenhouse'
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
        start: { date_time: movedTo.toISOString() },
        end: { date_time: new Date(movedTo.getTime() + 30 * minute).toISOString() },
      })
      plan.startsAt = movedTo.toISOString()
      later.push(applicationDelivery(plan.record, i))
    }
  })
  const all = [...first, ...later]
  const duplicates = shuffled(all, random).slice(0, Math.floor(all.length * 0.1))
  await sendAll(shuffled([...first.slice(early.length), ...later, ...duplicates], random))
  return { planned, deliveries: all.length + duplicates.length, answers, unavailable }
}
