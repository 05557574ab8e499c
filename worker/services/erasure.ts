import { sql } from 'kysely'
import type { Db } from '../../db/client'

/**
 * Removes a person's name, email, messages and anything written about them from every table of
 * the agency, keeping the rows themselves so the agency's counts stay as they were. The address
 * survives only as the hash in `suppressions`, so an unsubscribe or bounce is still honoured.
 */
export async function eraseCandidate(db: Db, agencyId: string, email: string) {
  return db.transaction().execute(async (trx) => {
    const candidates = await trx
      .updateTable('candidates')
      .set({ name: null, email: null, erased_at: new Date() })
      .where('agency_id', '=', agencyId)
      .where('email', '=', email)
      .returning('id')
      .execute()
    if (candidates.length === 0) return { candidatesErased: 0, interviews: 0 }
    const interviews = await trx
      .updateTable('interviews')
      .set({ talking_points: null })
      .where('agency_id', '=', agencyId)
      .where(
        'candidate_id',
        'in',
        candidates.map((c) => c.id),
      )
      .returning('id')
      .execute()
    const interviewIds = interviews.map((i) => i.id)
    if (interviewIds.length > 0) {
      await trx
        .updateTable('emails')
        .set({
          message: null,
          state: sql`case when state in ('queued', 'sending') then 'canceled' else state end`,
        })
        .where('agency_id', '=', agencyId)
        .where('interview_id', 'in', interviewIds)
        .execute()
      await trx.deleteFrom('coaching_links').where('interview_id', 'in', interviewIds).execute()
      await trx.deleteFrom('drafts').where('interview_id', 'in', interviewIds).execute()
      // a replayed create would otherwise hand the erased details back
      await trx
        .deleteFrom('idempotency_keys')
        .where('scope', '=', agencyId)
        .where(sql<string>`response_body->>'id'`, 'in', interviewIds)
        .execute()
    }
    return { candidatesErased: candidates.length, interviews: interviewIds.length }
  })
}
