import type { Db } from '../../db/client'
import { csvLine, type CsvValue } from '../lib/csv'
import type { Interview, InterviewListQuery } from '../schemas/interview'
import { listInterviews, type Viewer } from './interviews'
import { recruiterExternalIds } from './recruiters'

// Every interview of a date range as CSV, one row each, for the agency's own reporting. Written
// a page at a time as it is read, so a year of interviews never sits in memory.

const columns = [
  'Interview ID',
  'Starts at',
  'Ends at',
  'Candidate',
  'Candidate email',
  'Role',
  'Client',
  'Recruiter',
  'Recruiter ID',
  'Status',
  'Coaching email',
  'Interviewers',
  'Notes sent',
  'First note sent at',
  'Sent on time',
  'Outcome',
  'ATS',
  'ATS record',
]

/** Interviews read per query: 4 statements a page. */
const PAGE = 500

function row(interview: Interview, recruiterIds: Map<string, string>): CsvValue[] {
  const sentAt = interview.interviewers
    .map((person) => person.noteSentAt)
    .filter((at): at is string => at !== null)
    .sort()
  const first = sentAt[0] ?? null
  return [
    interview.id,
    interview.startsAt,
    interview.endsAt,
    interview.candidate?.name ?? '(erased)',
    interview.candidate?.email ?? null,
    interview.roleTitle,
    interview.clientCompany,
    interview.recruiter?.name ?? null,
    interview.recruiterId ? (recruiterIds.get(interview.recruiterId) ?? null) : null,
    interview.coaching.status,
    interview.coaching.email,
    interview.interviewers.map((person) => person.name).join('; '),
    `${interview.coaching.notesSent} of ${interview.coaching.notesTotal}`,
    first,
    first === null ? null : first <= interview.coaching.deadline ? 'yes' : 'no',
    interview.outcome?.stage ?? null,
    interview.externalRef?.system ?? null,
    interview.externalRef?.id ?? null,
  ]
}

export type InterviewExportQuery = Omit<InterviewListQuery, 'cursor' | 'limit' | 'order'>

/**
 * Writes the CSV of the interviews the viewer may see that match `filters` to `out`, in the order
 * they took place, newest first, then closes it. A failure half-way aborts the stream, so a
 * download never looks complete when it is not.
 */
export async function writeInterviewsCsv(
  db: Db,
  viewer: Viewer,
  filters: InterviewExportQuery,
  out: WritableStreamDefaultWriter<Uint8Array>,
): Promise<void> {
  const encoder = new TextEncoder()
  try {
    const recruiterIds = await recruiterExternalIds(db, viewer.agencyId)
    await out.write(encoder.encode(csvLine(columns)))
    let cursor: string | undefined
    do {
      const page = await listInterviews(db, viewer, {
        ...filters,
        order: 'starts_at',
        limit: PAGE,
        cursor,
      })
      const text = page.data.map((interview) => csvLine(row(interview, recruiterIds))).join('')
      if (text) await out.write(encoder.encode(text))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    await out.close()
  } catch (err) {
    await out.abort(err)
    throw err
  }
}
