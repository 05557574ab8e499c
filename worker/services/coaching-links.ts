import type { Db } from '../../db/client'
import { randomToken, sha256Hex } from '../lib/crypto'

/** Links work for 30 days after the interview: long past the note's window, not forever. */
const linkLifetimeMs = 30 * 24 * 3_600_000

/** A new link token for an interview: 192 random bits, stored only as a hash. */
export async function createCoachingLink(db: Db, interviewId: string, interviewEndsAt: Date) {
  const token = randomToken(24)
  await db
    .insertInto('coaching_links')
    .values({
      token_hash: await sha256Hex(token),
      interview_id: interviewId,
      expires_at: new Date(interviewEndsAt.getTime() + linkLifetimeMs),
    })
    .execute()
  return token
}

export interface LinkTarget {
  interviewId: string
  agencyId: string
  candidateId: string
}

/**
 * The interview behind a candidate's link, or null when the token is unknown, malformed, expired
 * or its candidate erased: all look the same to the caller.
 */
export async function findLinkTarget(
  db: Db,
  token: string,
  now = new Date(),
): Promise<LinkTarget | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null
  const row = await db
    .selectFrom('coaching_links as l')
    .innerJoin('interviews as i', 'i.id', 'l.interview_id')
    .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
    .select(['i.id as interviewId', 'i.agency_id as agencyId', 'c.id as candidateId'])
    .where('l.token_hash', '=', await sha256Hex(token))
    .where('l.expires_at', '>', now)
    .where('c.erased_at', 'is', null)
    .executeTakeFirst()
  return row ?? null
}
