import { expect } from 'vitest'
import { runCron } from './factories'
import type { FakeResend } from './fake-resend'
import type { Harness } from './harness'

// What every acceptance run of an integration shares: a seeded order of deliveries, and the
// check that the cron sends exactly one coaching email per interview that takes place.

const minute = 60_000

/**
 * Interviews per acceptance run: 200, the figure the product is held to. CI's second pass, on a
 * real Postgres server, runs 40 (ACCEPTANCE_INTERVIEWS) to stay within its time limit; what it
 * adds is the engine, not the size.
 */
export const acceptanceSize = Number(process.env.ACCEPTANCE_INTERVIEWS ?? 200)

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

/** What each external record must end as: its start, or null when canceled; its candidate. */
export type ExpectedRecords = Map<string, { startsAt: string | null; email: string }>

/**
 * Exactly the expected interviews exist for the agency, by external id, at the expected times or
 * canceled; then the coaching emails go as `expectCoachingAtEnds` checks. How many were coached.
 */
export async function expectRecordsAndCoaching(
  h: Harness,
  fake: FakeResend,
  agencyId: string,
  expected: ExpectedRecords,
): Promise<number> {
  const rows = await h.db
    .selectFrom('interviews')
    .select(['external_id', 'starts_at', 'ends_at', 'canceled_at'])
    .where('agency_id', '=', agencyId)
    .execute()
  const byRef = new Map(rows.map((row) => [row.external_id!, row]))
  expect(rows).toHaveLength(byRef.size)
  const wrong: string[] = []
  for (const [id, want] of expected) {
    const row = byRef.get(id)
    if (want.startsAt === null) {
      if (row && !row.canceled_at) wrong.push(`${id} should be canceled`)
    } else if (!row || row.canceled_at || row.starts_at.toISOString() !== want.startsAt) {
      wrong.push(`${id}: ${row?.starts_at.toISOString()} instead of ${want.startsAt}`)
    }
  }
  expect(wrong).toEqual([])
  expect([...byRef.keys()].every((id) => expected.has(id))).toBe(true)

  const candidates = [...expected.values()].map((want) => ({
    email: want.email,
    takesPlace: want.startsAt !== null,
  }))
  return expectCoachingAtEnds(
    h,
    fake,
    rows.map((row) => row.ends_at),
    candidates,
  )
}
