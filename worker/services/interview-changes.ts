import type { Db } from '../../db/client'
import type { InterviewRow } from '../../db/schema'
import { ApiError, notFound } from '../errors'
import { inTransaction } from '../lib/transaction'
import { cancelInterviewEmails, rescheduleInterviewEmails } from '../outbox/enqueue'
import { sendAfterResponse, type RequestMailing } from '../outbox/send'
import type { Interview, UpdateInterviewInput } from '../schemas/interview'
import { getAgency } from './agencies'
import { checkTimes, getInterview, insertInterviewers, type Viewer } from './interviews'

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
 * PATCH /v1/interviews/:id: reschedules or corrects an interview while its coaching email has not
 * gone; its messages move with it (rescheduleInterviewEmails). A canceled or erased interview,
 * or one whose email has gone, is refused (409). Moved into the past, its email goes at once.
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
  const now = new Date()
  const coachingEmailId = await inTransaction(db, async (trx) => {
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
        candidate: { name: row.candidate_name, email: row.candidate_email },
        recruiter: recruiter ?? null,
        roleTitle: fields.role_title,
        clientCompany: fields.client_company,
        interviewers,
        endsAt: fields.ends_at,
        publicUrl: request.config.publicUrl ?? options.requestOrigin,
        fromAddress: request.config.email.from,
      },
      now,
    )
    return moved.dueAt <= now ? moved.coachingEmailId : null
  })
  if (coachingEmailId) sendAfterResponse(request, coachingEmailId)
  return getInterview(db, viewer, interviewId)
}

/**
 * POST /v1/interviews/:id/cancel: the interview did not take place. What was still to go is
 * canceled, the interview shows `canceled` and the stats leave it out; a repeat changes nothing.
 */
export async function cancelInterview(
  db: Db,
  viewer: Viewer,
  interviewId: string,
): Promise<Interview> {
  await inTransaction(db, async (trx) => {
    const row = await lockForChange(trx, viewer, interviewId)
    if (row.canceled_at) return
    const now = new Date()
    await trx
      .updateTable('interviews')
      .set({ canceled_at: now, updated_at: now })
      .where('id', '=', interviewId)
      .execute()
    await cancelInterviewEmails(trx, viewer.agencyId, interviewId)
  })
  return getInterview(db, viewer, interviewId)
}
