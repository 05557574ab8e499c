import { sql } from 'kysely'
import type { Db } from '../../db/client'
import { inTransaction } from '../lib/transaction'
import { forgetMessages } from '../outbox/cancel'

const dayMs = 24 * 3_600_000
/** interviews forgotten per transaction, so a long backlog is worked off in bounded steps */
const retentionBatchSize = 5_000

/**
 * Removes what was written about people for these interviews of the agency: talking points, the
 * messages in the outbox (what was still to go is canceled), the candidate's links and drafts,
 * replays of the create, write-backs still to go, and the interviewers' names, titles and addresses (a name becomes
 * "Interviewer 1", …). The interview and interviewer rows, their emails' states, the note times
 * and the events stay, so every count the agency reads stays as it was. Run it in a transaction.
 */
async function forgetInterviews(trx: Db, agencyId: string, interviewIds: string[], now: Date) {
  if (interviewIds.length === 0) return
  await trx
    .updateTable('interviews')
    .set({
      candidate_name: null,
      candidate_preferred_name: null,
      candidate_time_zone: null,
      talking_points: null,
      forgotten_at: now,
    })
    .where('agency_id', '=', agencyId)
    .where('id', 'in', interviewIds)
    .execute()
  await trx
    .updateTable('interviewers')
    .set({ name: sql`'Interviewer ' || (position + 1)`, title: null, email: null })
    .where('interview_id', 'in', interviewIds)
    .execute()
  await forgetMessages(trx, agencyId, interviewIds)
  await trx.deleteFrom('coaching_links').where('interview_id', 'in', interviewIds).execute()
  await trx.deleteFrom('drafts').where('interview_id', 'in', interviewIds).execute()
  // nothing more goes back to the ATS about them (its record is the agency's own)
  await trx.deleteFrom('write_backs').where('interview_id', 'in', interviewIds).execute()
  // a replayed create would otherwise hand the forgotten details back
  await trx
    .deleteFrom('idempotency_keys')
    .where('scope', '=', agencyId)
    .where(sql<string>`response_body->>'id'`, 'in', interviewIds)
    .execute()
}

/**
 * Removes a person's name, email, messages and anything written about them from every table of
 * the agency, keeping the rows themselves so the agency's counts stay as they were. The address
 * survives only as the hash in `suppressions`, so an unsubscribe or bounce is still honoured.
 */
export async function eraseCandidate(db: Db, agencyId: string, email: string) {
  const now = new Date()
  return inTransaction(db, async (trx) => {
    const candidates = await trx
      .updateTable('candidates')
      .set({ email: null, phone: null, erased_at: now })
      .where('agency_id', '=', agencyId)
      .where('email', '=', email)
      .returning('id')
      .execute()
    if (candidates.length === 0) return { candidatesErased: 0, interviews: 0 }
    const interviews = await trx
      .selectFrom('interviews')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where(
        'candidate_id',
        'in',
        candidates.map((c) => c.id),
      )
      .execute()
    const interviewIds = interviews.map((i) => i.id)
    await forgetInterviews(trx, agencyId, interviewIds, now)
    return { candidatesErased: candidates.length, interviews: interviewIds.length }
  })
}

/**
 * One step of the retention purge for one agency: forgets up to a batch of its interviews that
 * started before `cutoff`, and erases each of their candidates who has no interview left to
 * keep (the same `erased_at` as an erasure: the person is gone either way). Returns how many
 * interviews it forgot.
 */
async function forgetBatchBefore(db: Db, agencyId: string, cutoff: Date, now: Date) {
  return inTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom('interviews')
      .select(['id', 'candidate_id'])
      .where('agency_id', '=', agencyId)
      .where('forgotten_at', 'is', null)
      .where('starts_at', '<', cutoff)
      .limit(retentionBatchSize)
      .execute()
    if (due.length === 0) return 0
    const candidateIds = [...new Set(due.map((i) => i.candidate_id))]
    // Lock the people first, then decide in a later statement whom to erase. Logging an interview
    // holds its candidate's row until it commits, so once these locks are ours every such
    // interview is committed, and the re-check (a new statement sees what has committed) keeps
    // anyone who was just given one; a create that comes after waits for this transaction and
    // then finds the address free, so it makes a new candidate.
    await trx
      .selectFrom('candidates')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('id', 'in', candidateIds)
      .where('erased_at', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute()
    await forgetInterviews(
      trx,
      agencyId,
      due.map((i) => i.id),
      now,
    )
    await trx
      .updateTable('candidates as c')
      .set({ email: null, phone: null, erased_at: now })
      .where('c.agency_id', '=', agencyId)
      .where('c.id', 'in', candidateIds)
      .where('c.erased_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('interviews as i')
              .select(sql`1`.as('one'))
              .whereRef('i.candidate_id', '=', 'c.id')
              .where('i.forgotten_at', 'is', null),
          ),
        ),
      )
      .execute()
    return due.length
  })
}

/**
 * The retention purge: for every agency, forgets the interviews that started more than its
 * `retention_days` ago, as erasure does, and then the candidates left with nothing to keep.
 * Each batch commits on its own, so a run cut short keeps what it did and the next night goes
 * on; a forgotten interview is never selected again, so a second run changes nothing.
 */
export async function forgetExpiredInterviews(db: Db, now: Date) {
  const agencies = await db.selectFrom('agencies').select(['id', 'retention_days']).execute()
  let forgotten = 0
  for (const agency of agencies) {
    const cutoff = new Date(now.getTime() - agency.retention_days * dayMs)
    for (;;) {
      const count = await forgetBatchBefore(db, agency.id, cutoff, now)
      forgotten += count
      if (count < retentionBatchSize) break
    }
  }
  return { interviewsForgotten: forgotten }
}
