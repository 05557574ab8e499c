import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import type { Interview, InterviewOutcome } from '../schemas/interview'
import { getInterview, type Viewer } from './interviews'

/**
 * Records where the candidate got after an interview, as of `at`: the report with the latest
 * time is the interview's outcome, so reports arriving out of order settle on the newest. A
 * canceled interview has none. Run it in a transaction or alone; it is one statement.
 */
export async function setOutcome(
  db: Db,
  agencyId: string,
  interviewId: string,
  stage: InterviewOutcome,
  at: Date,
): Promise<'recorded' | 'stale' | 'canceled'> {
  const row = await db
    .selectFrom('interviews')
    .select(['canceled_at', 'outcome_at'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', interviewId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  if (row.canceled_at) return 'canceled'
  if (row.outcome_at && row.outcome_at > at) return 'stale'
  await db
    .updateTable('interviews')
    .set({ outcome: stage, outcome_at: at })
    .where('id', '=', interviewId)
    .execute()
  return 'recorded'
}

/**
 * POST /v1/interviews/:id/outcome: where the candidate got after the interview, as the recruiter
 * reports it, as of `at` (default now). A report older than the one recorded changes nothing; a
 * canceled interview has no outcome (409).
 */
export async function recordOutcome(
  db: Db,
  viewer: Viewer,
  interviewId: string,
  input: { stage: InterviewOutcome; at?: string },
  now = new Date(),
): Promise<Interview> {
  // another agency's interview, or another recruiter's, is a 404 before anything is written
  await getInterview(db, viewer, interviewId)
  const at = input.at ? new Date(input.at) : now
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    throw new ApiError('validation_failed', 'The request body is not valid.', [
      { path: 'at', message: 'Must not be in the future.' },
    ])
  }
  const result = await setOutcome(db, viewer.agencyId, interviewId, input.stage, at)
  if (result === 'canceled') {
    throw new ApiError('conflict', 'The interview was canceled; it has no outcome.')
  }
  return getInterview(db, viewer, interviewId)
}
