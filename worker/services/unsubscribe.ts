import type { Db } from '../../db/client'
import type { Language } from '../i18n/catalog'
import { findLinkTarget, type LinkTarget } from './coaching-links'
import { inTransaction } from '../lib/transaction'
import { stopMailToCandidate } from '../outbox/cancel'

export interface UnsubscribeState {
  agencyName: string
  primaryColor: string
  unsubscribed: boolean
  /** the candidate's: the pages are in it */
  language: Language
}

async function stateOf(db: Db, target: LinkTarget): Promise<UnsubscribeState> {
  const row = await db
    .selectFrom('candidates as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select(['a.name', 'a.branding', 'c.unsubscribed_at'])
    .where('c.agency_id', '=', target.agencyId)
    .where('c.id', '=', target.candidateId)
    .executeTakeFirstOrThrow()
  return {
    agencyName: row.name,
    primaryColor: row.branding.primaryColor,
    unsubscribed: row.unsubscribed_at !== null,
    language: target.language,
  }
}

/** What the unsubscribe page shows for a link, or null for any link that does not work. */
export async function findUnsubscribeState(
  db: Db,
  token: string,
  now = new Date(),
): Promise<UnsubscribeState | null> {
  const target = await findLinkTarget(db, token, now)
  return target ? stateOf(db, target) : null
}

/**
 * Unsubscribes the candidate behind a link from all of the agency's mail: marks them, suppresses
 * the address, cancels what is queued and records the fact on the interview. Only the first call
 * changes anything; null for a link that does not work.
 */
export async function unsubscribeCandidate(
  db: Db,
  token: string,
  now = new Date(),
): Promise<UnsubscribeState | null> {
  return inTransaction(db, async (trx) => {
    const target = await findLinkTarget(trx, token, now)
    if (!target) return null
    // The guard makes a concurrent second click wait on the row, then update nothing.
    const marked = await trx
      .updateTable('candidates')
      .set({ unsubscribed_at: now })
      .where('agency_id', '=', target.agencyId)
      .where('id', '=', target.candidateId)
      .where('unsubscribed_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (marked) {
      await stopMailToCandidate(trx, target.agencyId, target.candidateId, 'unsubscribed')
      await trx
        .insertInto('events')
        .values({
          agency_id: target.agencyId,
          interview_id: target.interviewId,
          type: 'unsubscribed',
          occurred_at: now,
        })
        .execute()
    }
    return stateOf(trx, target)
  })
}
