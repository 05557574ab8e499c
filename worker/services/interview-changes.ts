import type { Db } from '../../db/client'
import type { InterviewRow } from '../../db/schema'
import { ApiError, notFound } from '../errors'
import { inTransaction } from '../lib/transaction'
import { cancelInterviewMessages, rescheduleInterviewEmails } from '../outbox/enqueue'
import { rescheduleInterviewTexts } from '../sms/outbox'
import { sendAfterResponse, type RequestMailing } from '../outbox/send'
import type { Agency } from '../schemas/agency'
import type { Interview, UpdateInterviewInput } from '../schemas/interview'
import { getAgency } from './agencies'
import {
  checkTimes,
  getInterview,
  insertInterviewers,
  type MailingOptions,
  type Viewer,
} from './interviews'

// Changes to an interview after it was logged: rescheduling or correcting it while its coaching
// email has not gone, and canceling it.

/** The interview's row for a change, locked after its candidate's row (the one lock order). */
async function lockForChange(trx: Db, viewer: Viewer, interviewId: string) {
  const found = await trx
    .selectFrom('interviews')
    .select('candidate_id')
    .where('agency_id', '=', viewer.agencyId)
    .where('id', '=', interviewId)
    .$if(viewer.ownRecruiterId !== null, (qb) =>
      qb.where('recruiter_id', '=', viewer.ownRecruiterId),
    )
    .executeTakeFirst()
  if (!found) throw notFound('Interview')
  await trx
    .selectFrom('candidates')
    .select('id')
    .where('id', '=', found.candidate_id)
    .forUpdate()
    .execute()
  return trx
    .selectFrom('interviews as i')
    .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
    .selectAll('i')
    .select('c.email as candidate_email')
    .where('i.id', '=', interviewId)
    .forUpdate('i')
    .executeTakeFirstOrThrow()
}

/** The interview's fields after a patch, and its end. */
function patched(row: InterviewRow, patch: UpdateInterviewInput) {
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : row.starts_at
  const durationMinutes = patch.durationMinutes ?? row.duration_minutes
  return {
    role_title: patch.roleTitle ?? row.role_title,
    client_company: patch.clientCompany ?? row.client_company,
    starts_at: startsAt,
    ends_at: new Date(startsAt.getTime() + durationMinutes * 60_000),
    duration_minutes: durationMinutes,
    format: patch.format ?? row.format,
    talking_points:
      patch.talkingPoints === undefined ? row.talking_points : patch.talkingPoints || null,
  }
}

/**
 * Reschedules or corrects an interview in the caller's transaction while its coaching email has
 * not gone; its messages move with it (rescheduleInterviewEmails). A canceled or erased
 * interview, or one whose email has gone, is refused (409). Returns the coaching email to send
 * once this commits, when it is due now (moved into the past, it goes at once).
 */
export async function changeInterview(
  trx: Db,
  agency: Agency,
  viewer: Viewer,
  interviewId: string,
  patch: UpdateInterviewInput,
  options: MailingOptions,
): Promise<string | null> {
  const { now } = options
  const row = await lockForChange(trx, viewer, interviewId)
  if (row.canceled_at) throw new ApiError('conflict', 'The interview was canceled.')
  if (row.candidate_name === null || row.candidate_email === null) {
    throw new ApiError('conflict', "The candidate's data was erased.")
  }
  const fields = patched(row, patch)
  if (patch.startsAt) checkTimes(fields.starts_at, now)
  await trx
    .updateTable('interviews')
    .set({ ...fields, updated_at: now })
    .where('id', '=', interviewId)
    .execute()
  if (patch.interviewers) {
    await trx.deleteFrom('interviewers').where('interview_id', '=', interviewId).execute()
    await insertInterviewers(trx, interviewId, patch.interviewers)
  }
  const interviewers = await trx
    .selectFrom('interviewers')
    .select(['name', 'title'])
    .where('interview_id', '=', interviewId)
    .orderBy('position')
    .execute()
  const recruiter = row.recruiter_id
    ? await trx
        .selectFrom('recruiters')
        .select(['name', 'email'])
        .where('id', '=', row.recruiter_id)
        .executeTakeFirst()
    : undefined
  const moved = await rescheduleInterviewEmails(
    trx,
    {
      agency,
      interviewId,
      candidateId: row.candidate_id,
      candidate: {
        name: row.candidate_name,
        email: row.candidate_email,
        preferredName: row.candidate_preferred_name,
        language: row.candidate_language,
        timeZone: row.candidate_time_zone,
      },
      recruiter: recruiter ?? null,
      roleTitle: fields.role_title,
      clientCompany: fields.client_company,
      interviewers,
      endsAt: fields.ends_at,
      publicUrl: options.publicUrl,
      fromAddress: options.fromAddress,
    },
    now,
  )
  // a text put due by the move waits for the cron: the email is what goes at once
  await rescheduleInterviewTexts(trx, agency.id, interviewId, {
    coaching: moved.coachingEmailId ? moved.dueAt : null,
    reminder: moved.reminderDueAt,
  })
  return moved.dueAt <= now ? moved.coachingEmailId : null
}

/**
 * PATCH /v1/interviews/:id: changeInterview in a transaction of its own; a coaching email it made
 * due goes as soon as the response is out.
 */
export async function updateInterview(
  db: Db,
  request: RequestMailing,
  viewer: Viewer,
  interviewId: string,
  patch: UpdateInterviewInput,
  options: { requestOrigin: string },
): Promise<Interview> {
  const agency = await getAgency(db, viewer.agencyId)
  const mailing = {
    now: new Date(),
    publicUrl: request.config.publicUrl ?? options.requestOrigin,
    fromAddress: request.config.email.from,
  }
  const coachingEmailId = await inTransaction(db, (trx) =>
    changeInterview(trx, agency, viewer, interviewId, patch, mailing),
  )
  if (coachingEmailId) sendAfterResponse(request, coachingEmailId)
  return getInterview(db, viewer, interviewId)
}

/**
 * Cancels an interview in the caller's transaction: what was still to go is canceled, the
 * interview shows `canceled` and the stats leave it out; a repeat changes nothing.
 */
export async function markInterviewCanceled(
  trx: Db,
  viewer: Viewer,
  interviewId: string,
  now: Date,
) {
  const row = await lockForChange(trx, viewer, interviewId)
  if (row.canceled_at) return
  await trx
    .updateTable('interviews')
    .set({ canceled_at: now, updated_at: now })
    .where('id', '=', interviewId)
    .execute()
  await cancelInterviewMessages(trx, viewer.agencyId, interviewId)
}

/** POST /v1/interviews/:id/cancel: the interview did not take place. */
export async function cancelInterview(
  db: Db,
  viewer: Viewer,
  interviewId: string,
): Promise<Interview> {
  await inTransaction(db, (trx) => markInterviewCanceled(trx, viewer, interviewId, new Date()))
  return getInterview(db, viewer, interviewId)
}
