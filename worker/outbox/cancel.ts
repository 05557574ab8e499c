import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { EmailState, SuppressionReason, TextState } from '../../db/schema'
import { suppressAddress } from '../services/suppressions'

/**
 * Stops all mail to a candidate of an agency (an unsubscribe, a bounce or a complaint): the
 * address is suppressed (unless already erased) and whatever is still queued for them is
 * canceled. Mail already being sent is left to finish, so the outbox never has to reconcile a
 * canceled row with a send whose outcome it is recording; anything queued that this misses is
 * canceled when the outbox claims it. Run it in the transaction that locked the candidate's row.
 */
export async function stopMailToCandidate(
  trx: Db,
  agencyId: string,
  candidateId: string,
  reason: SuppressionReason,
): Promise<void> {
  const candidate = await trx
    .selectFrom('candidates')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('id', '=', candidateId)
    .executeTakeFirst()
  if (candidate?.email) await suppressAddress(trx, agencyId, candidate.email, reason)
  await trx
    .updateTable('emails')
    .set({ state: 'canceled' })
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'queued')
    .where('interview_id', 'in', (eb) =>
      eb
        .selectFrom('interviews')
        .select('id')
        .where('agency_id', '=', agencyId)
        .where('candidate_id', '=', candidateId),
    )
    .execute()
}

/** what was still to go is canceled; what went keeps its state */
const canceledIfPending = <State extends string>() =>
  sql<State>`case when state in ('queued', 'sending') then 'canceled' else state end`

/**
 * Forgets the messages of these interviews (erasure, retention), emails and texts: their contents,
 * numbers and errors go (a provider's error text may quote the address) and what was still to go
 * is canceled. The rows and their states stay, so the counts built on them stay as they were. Run
 * it in the transaction that locked the people first.
 */
export async function forgetMessages(trx: Db, agencyId: string, interviewIds: string[]) {
  await trx
    .updateTable('emails')
    .set({ message: null, last_error: null, state: canceledIfPending<EmailState>() })
    .where('agency_id', '=', agencyId)
    .where('interview_id', 'in', interviewIds)
    .execute()
  await trx
    .updateTable('texts')
    .set({ to_phone: null, body: null, last_error: null, state: canceledIfPending<TextState>() })
    .where('agency_id', '=', agencyId)
    .where('interview_id', 'in', interviewIds)
    .execute()
}
