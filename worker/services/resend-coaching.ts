import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import { countCoachingEmail } from './send-quotas'
import { suppressionOf } from './suppressions'
import { inTransaction } from '../lib/transaction'

const minGapMs = 10 * 60_000

/**
 * Queues the coaching email once more, same content and link, for a candidate who lost it or
 * whose first one failed. Refused for an unsubscribed, bounced or erased candidate, while the
 * last one is under ten minutes old, and over the send quotas (it counts as a coaching email in
 * the name of the interview's recruiter).
 */
export async function queueResend(
  db: Db,
  agencyId: string,
  interviewId: string,
  now: Date,
): Promise<string> {
  return inTransaction(db, async (trx) => {
    // The candidate's row is locked first, as unsubscribing, erasure and logging an interview
    // lock it first: one order everywhere, so none of them can deadlock with another, and an
    // unsubscribe either comes before this (refused below) or cancels what this queues.
    const interview = await trx
      .selectFrom('interviews')
      .select(['candidate_id', 'recruiter_id'])
      .where('agency_id', '=', agencyId)
      .where('id', '=', interviewId)
      .executeTakeFirstOrThrow()
    const candidate = await trx
      .selectFrom('candidates')
      .select(['email', 'unsubscribed_at', 'erased_at'])
      .where('agency_id', '=', agencyId)
      .where('id', '=', interview.candidate_id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (candidate.erased_at || !candidate.email)
      throw new ApiError('conflict', "This candidate's data was erased.")
    if (candidate.unsubscribed_at) throw new ApiError('conflict', 'The candidate has unsubscribed.')
    const suppressed = await suppressionOf(trx, agencyId, candidate.email)
    if (suppressed)
      throw new ApiError('conflict', `Mail to this address ${suppressed}; fix the address first.`)
    const last = await trx
      .selectFrom('emails')
      .select(['message', 'created_at', 'state'])
      .where('interview_id', '=', interviewId)
      .where('kind', 'in', ['coaching', 'resend'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    if (last.state === 'queued' || last.state === 'sending') {
      throw new ApiError('conflict', 'The coaching email is still on its way.')
    }
    if (now.getTime() - last.created_at.getTime() < minGapMs) {
      throw new ApiError('conflict', 'The coaching email went out less than 10 minutes ago.', [], {
        'Retry-After': String(
          Math.ceil((minGapMs - (now.getTime() - last.created_at.getTime())) / 1000),
        ),
      })
    }
    const row = await trx
      .insertInto('emails')
      .values({
        agency_id: agencyId,
        interview_id: interviewId,
        kind: 'resend',
        state: 'queued',
        next_attempt_at: now,
        message: last.message,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await countCoachingEmail(trx, agencyId, interview.recruiter_id, now)
    return row.id
  })
}
