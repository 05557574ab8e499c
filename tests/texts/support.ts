import { afterEach } from 'vitest'
import { createAgency, type TestAgency } from '../support/factories'
import { startFakeTwilio, twilioBindings, type FakeTwilio } from '../support/fake-twilio'
import type { Harness } from '../support/harness'
import { forThisFile, useHarness } from '../support/lifecycle'

/** where Twilio is told to send webhooks: the test PUBLIC_URL's */
export const twilioWebhookUrl = 'http://followthrough.test/webhooks/twilio'

/** A file's fake Twilio (reset after each test) and a worker sending texts through it. */
export function useTexting(extra: Record<string, string> = {}): [FakeTwilio, Harness] {
  const twilio = forThisFile(startFakeTwilio, (fake) => fake.close())
  afterEach(() => twilio.reset())
  const h = useHarness(() => twilioBindings(twilio, extra))
  return [twilio, h]
}

/** An agency with texts on, in UTC, with no quiet hours unless given. */
export function textingAgency(
  h: Harness,
  sms: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Promise<TestAgency> {
  return createAgency(h, {
    timeZone: 'UTC',
    sms: { enabled: true, quietHours: { start: '00:00', end: '00:00' }, ...sms },
    ...overrides,
  })
}

let numbers = 0
/** A fresh number in the range kept for fiction (+1 555 01xx is not enough for a file's needs). */
export function phoneNumber(): string {
  numbers += 1
  return `+4477009${String(numbers).padStart(5, '0')}`
}

/** The texts of an interview, oldest first, as the database holds them. */
export function textsOf(h: Harness, interviewId: string) {
  return h.db
    .selectFrom('texts')
    .selectAll()
    .where('interview_id', '=', interviewId)
    .orderBy('created_at')
    .execute()
}

/** Polls until `check` holds (up to 5 s). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean) {
  let value = await read()
  for (let i = 0; i < 100 && !check(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    value = await read()
  }
  return value
}
