import { expect } from 'vitest'
import { runCron } from './factories'
import type { FakeResend } from './fake-resend'
import type { Harness } from './harness'

// The acceptance runs' shared parts: a seeded order, and the check that exactly the right
// interviews exist and that the cron coaches each candidate exactly once, at the interview's end.

const minute = 60_000

/** mulberry32: the same seed gives the same order every run */
export function seededRandom(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** What one external record must end as: its start, or null when canceled; its candidate. */
export type ExpectedRecords = Map<string, { startsAt: string | null; email: string }>

/**
 * Checks the agency's interviews against `expected` (by external id), then runs the cron before
 * the first end (no coaching email) and after the last (exactly one per interview that takes
 * place, none for the canceled). The number of candidates coached.
 */
export async function checkRunOutcome(
  h: Harness,
  resend: FakeResend,
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

  const ends = rows.map((row) => row.ends_at.getTime())
  const coached = (address: string) =>
    resend.sent.filter(
      (e) =>
        e.to.includes(address) && e.tags.some((t) => t.name === 'kind' && t.value === 'coaching'),
    ).length
  await runCron(h, new Date(Math.min(...ends) - minute))
  expect([...expected.values()].filter((want) => coached(want.email) > 0)).toEqual([])
  await runCron(h, new Date(Math.max(...ends) + minute))
  await runCron(h, new Date(Math.max(...ends) + 2 * minute))
  const counts = [...expected.values()].map((want) => [want.startsAt !== null, coached(want.email)])
  expect(counts.filter(([takesPlace, n]) => n !== (takesPlace ? 1 : 0))).toEqual([])
  return counts.filter(([, n]) => n === 1).length
}
