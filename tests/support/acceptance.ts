import { expect } from 'vitest'
import { runCron } from './factories'
import type { FakeResend } from './fake-resend'
import type { Harness } from './harness'

// What every acceptance run of an integration shares: a seeded order of deliveries, and the
// check that the cron sends exactly one coaching email per interview that takes place.

const minute = 60_000

export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** How many coaching emails `address` was sent. */
export const coachingEmailsTo = (fake: FakeResend, address: string) =>
  fake.sent.filter(
    (e) =>
      e.to.includes(address) && e.tags.some((t) => t.name === 'kind' && t.value === 'coaching'),
  ).length

/**
 * Drives the cron to just before the first interview's end (no coaching email yet), then past
 * the last one's: exactly one coaching email for each candidate whose interview takes place, none
 * for the others. Returns how many were coached.
 */
export async function expectCoachingAtEnds(
  h: Harness,
  fake: FakeResend,
  endsAt: Date[],
  candidates: { email: string; takesPlace: boolean }[],
): Promise<number> {
  const ends = endsAt.map((end) => end.getTime())
  await runCron(h, new Date(Math.min(...ends) - minute))
  expect(candidates.filter(({ email }) => coachingEmailsTo(fake, email) > 0)).toEqual([])
  await runCron(h, new Date(Math.max(...ends) + minute))
  await runCron(h, new Date(Math.max(...ends) + 2 * minute))
  const counts = candidates.map(({ email, takesPlace }) => ({
    email,
    takesPlace,
    sent: coachingEmailsTo(fake, email),
  }))
  expect(counts.filter(({ takesPlace, sent }) => sent !== (takesPlace ? 1 : 0))).toEqual([])
  return counts.filter(({ sent }) => sent === 1).length
}
