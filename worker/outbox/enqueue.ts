import type { Db } from '../../db/client'
import { composeInterviewEmail, type InterviewEmailInput } from '../email/compose'
import { ApiError } from '../errors'
import type { Agency } from '../schemas/agency'
import { noteDeadline } from '../lib/note-window'
import { countCoachingEmail } from '../services/send-quotas'
import { undeliverableTo, type Undeliverable } from './deliverability'

// Every message enters the outbox here. Nothing is sent from here: a queued message is due at
// once (the coaching email of an interview that has ended, which the request then sends after
// its response) or later (the coaching email of a scheduled interview, the reminder), and goes
// out when claimed (claim.ts). The person's row is locked before anything
// is queued for them, so an unsubscribe or erasure either comes first and is seen here, or comes
// after and cancels what was queued.

/** a reminder due within this long of the first email would only repeat it */
const reminderMinGapMs = 60 * 60_000
/** a re-send waits this long after the last coaching email */
const resendGapMs = 10 * 60_000

export interface QueuedInterviewEmails {
  coachingEmailId: string
  /** false when mail may not go to the person: both messages are written as skipped */
  queued: boolean
  /** when the coaching email is due: the interview's end plus the agency's delay, or now */
  dueAt: Date
  /** when the reminder is due; null: none was queued */
  reminderDueAt: Date | null
  /** counts the queued email against the send quotas (nothing when none was queued) */
  countAgainstQuotas: (trx: Db) => Promise<void>
}

/** The coaching email goes when the interview ends, after the agency's delay; never before now. */
export function coachingDueAt(agency: Agency, endsAt: Date, now: Date): Date {
  const due = endsAt.getTime() + agency.coachingDelayMinutes * 60_000
  return new Date(Math.max(due, now.getTime()))
}

/** The coaching email and reminder of an interview, rendered for when each goes. */
function interviewMessages(
  email: InterviewEmailInput,
  undeliverable: Undeliverable | null,
  now: Date,
) {
  const dueAt = coachingDueAt(email.agency, email.endsAt, now)
  const reminderAt = new Date(email.endsAt.getTime() + email.agency.reminderHours * 3_600_000)
  const reminderUseful =
    reminderAt.getTime() - dueAt.getTime() >= reminderMinGapMs &&
    reminderAt < noteDeadline(email.endsAt)
  const row = { agency_id: email.agency.id, interview_id: email.interviewId }
  return {
    dueAt,
    reminderDueAt: !undeliverable && reminderUseful ? reminderAt : null,
    rows: [
      {
        ...row,
        kind: 'coaching' as const,
        state: undeliverable ? ('skipped' as const) : ('queued' as const),
        last_error: undeliverable ? `Not sent: ${notSentBecause[undeliverable]}.` : null,
        next_attempt_at: dueAt,
        message: composeInterviewEmail(email, 'coaching', dueAt),
      },
      {
        ...row,
        kind: 'reminder' as const,
        state: undeliverable || !reminderUseful ? ('skipped' as const) : ('queued' as const),
        next_attempt_at: reminderAt,
        message: composeInterviewEmail(email, 'reminder', reminderAt),
      },
    ],
  }
}

/**
 * Writes an interview's coaching email (due when the interview ends, plus the agency's delay, or
 * now if that has passed) and reminder (due at the agency's reminder hour) to the outbox, both
 * rendered now; whether the reminder still goes out is decided when it falls due. For a person
 * mail may not go to, both are written skipped, with the reason, and the interview shows that it
 * was not emailed. A queued coaching email counts against the send quotas: the caller runs
 * `countAgainstQuotas` as its transaction's last statement, since the counters stay locked until
 * commit. Run it in the transaction that locked the candidate's row.
 */
export async function enqueueInterviewEmails(
  trx: Db,
  email: InterviewEmailInput & { candidateId: string; recruiterId: string | null },
  now: Date,
): Promise<QueuedInterviewEmails> {
  const agencyId = email.agency.id
  const undeliverable = await undeliverableTo(trx, agencyId, email.candidateId)
  const { dueAt, reminderDueAt, rows } = interviewMessages(email, undeliverable, now)
  const written = await trx.insertInto('emails').values(rows).returning(['id', 'kind']).execute()
  return {
    coachingEmailId: written.find((r) => r.kind === 'coaching')!.id,
    queued: !undeliverable,
    dueAt,
    reminderDueAt,
    countAgainstQuotas: async (last: Db) => {
      if (!undeliverable) await countCoachingEmail(last, agencyId, email.recruiterId, now)
    },
  }
}

/**
 * Moves an interview's messages with it when it is rescheduled or corrected: while no coaching
 * email of it has been sent or tried, its unsent messages are written again for the new times and
 * details (the send quotas counted the interview once, when it was logged). Once one has gone,
 * or is going, the change is refused (409): the candidate already has what they were sent. Run
 * it in the transaction that locked the candidate's row, then the interview's.
 */
export async function rescheduleInterviewEmails(
  trx: Db,
  email: InterviewEmailInput & { candidateId: string },
  now: Date,
): Promise<{ coachingEmailId: string | null; dueAt: Date; reminderDueAt: Date | null }> {
  const mail = await trx
    .selectFrom('emails')
    .select(['id', 'kind', 'state', 'attempts'])
    .where('interview_id', '=', email.interviewId)
    .forUpdate()
    .execute()
  const gone = mail.some(
    (e) => e.kind !== 'reminder' && (e.attempts > 0 || !['queued', 'skipped'].includes(e.state)),
  )
  if (gone) {
    throw new ApiError(
      'conflict',
      'The coaching email has already gone to the candidate, so the interview can no longer be changed.',
    )
  }
  const undeliverable = await undeliverableTo(trx, email.agency.id, email.candidateId)
  const { dueAt, reminderDueAt, rows } = interviewMessages(email, undeliverable, now)
  await trx
    .deleteFrom('emails')
    .where(
      'id',
      'in',
      mail.map((e) => e.id),
    )
    .execute()
  const written = await trx.insertInto('emails').values(rows).returning(['id', 'kind']).execute()
  const coaching = written.find((r) => r.kind === 'coaching')!
  return { coachingEmailId: undeliverable ? null : coaching.id, dueAt, reminderDueAt }
}

/**
 * Cancels what is still to go for a canceled interview, emails and texts. A message already being
 * sent is left to finish (a text whose answer was lost is left to be looked up); anything this
 * misses is canceled when its outbox claims it. Run it in the transaction that marked the
 * interview canceled.
 */
export async function cancelInterviewMessages(trx: Db, agencyId: string, interviewId: string) {
  const canceled = {
    state: 'canceled' as const,
    last_error: 'Not sent: the interview was canceled.',
  }
  await trx
    .updateTable('emails')
    .set(canceled)
    .where('agency_id', '=', agencyId)
    .where('interview_id', '=', interviewId)
    .where('state', '=', 'queued')
    .execute()
  await trx
    .updateTable('texts')
    .set(canceled)
    .where('agency_id', '=', agencyId)
    .where('interview_id', '=', interviewId)
    .where('state', '=', 'queued')
    .where('unanswered_since', 'is', null)
    .execute()
}

const notSentBecause: Record<Undeliverable, string> = {
  erased: "the candidate's data was erased",
  unsubscribed: 'the candidate unsubscribed',
  bounced: 'the address bounced',
  complained: 'the candidate marked our mail as spam',
}

/**
 * Queues the coaching email once more, the same message, for a candidate who lost it or whose
 * first one failed, and counts it against the send quotas in the name of the interview's
 * recruiter. The candidate's row is locked first, as logging an interview, unsubscribing and
 * erasure lock it first: one order everywhere, so none of them can deadlock with another. Unlike
 * a new interview, which is kept whatever happens to its mail, a re-send that may not go has
 * nothing to keep: it is refused (409) with the reason, and so is one while the last email is on
 * its way or under ten minutes old. Run it in a transaction.
 */
export async function enqueueResend(
  trx: Db,
  agencyId: string,
  interviewId: string,
  now: Date,
): Promise<string> {
  const interview = await trx
    .selectFrom('interviews')
    .select(['candidate_id', 'recruiter_id'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', interviewId)
    .executeTakeFirstOrThrow()
  // the first lock this takes: the candidate's row
  const undeliverable = await undeliverableTo(trx, agencyId, interview.candidate_id)
  if (undeliverable) throw new ApiError('conflict', refusedBecause[undeliverable])
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
  const sinceLast = now.getTime() - last.created_at.getTime()
  if (sinceLast < resendGapMs) {
    throw new ApiError('conflict', 'The coaching email went out less than 10 minutes ago.', [], {
      'Retry-After': String(Math.ceil((resendGapMs - sinceLast) / 1000)),
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
}

const refusedBecause: Record<Undeliverable, string> = {
  erased: "This candidate's data was erased.",
  unsubscribed: 'The candidate has unsubscribed.',
  bounced: 'Mail to this address bounced; fix the address first.',
  complained: 'The candidate marked our mail as spam.',
}
