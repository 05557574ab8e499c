import type { Db } from '../../db/client'
import { ApiError, notFound } from '../errors'
import type { Interview, InterviewOutcome } from '../schemas/interview'
import { getInterview, type Viewer } from './interviews'

/**
 * POST /v1/interviews/:id/outcome: where the candidate got after the interview, as the recruiter
 * or the agency's ATS reports it. The latest report is the interview's outcome; a canceled
 * interview has none (409).
 */
export async function recordOutcome(
  db: Db,
  viewer: Viewer,
  interviewId: string,
  stage: InterviewOutcome,
  now = new Date(),
): Promise<Interview> {
  const updated = await db
    .updateTable('interviews')
    .set({ outcome: stage, outcome_at: now })
    .where('agency_id', '=', viewer.agencyId)
    .where('id', '=', interviewId)
    .$if(viewer.ownRecruiterId !== null, (qb) =>
      qb.where('recruiter_id', '=', viewer.ownRecruiterId),
    )
    .where('canceled_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!updated) {
    // tell a canceled interview from one the caller cannot see
    const interview = await getInterview(db, viewer, interviewId)
    if (interview.canceledAt) {
      throw new ApiError('conflict', 'The interview was canceled; it has no outcome.')
    }
    throw notFound('Interview')
  }
  return getInterview(db, viewer, interviewId)
}
