import { sql, type QueryCreator, type Selectable } from 'kysely'
import type { Db } from '../../db/client'
import type { Database, InterviewFactsTable } from '../../db/schema'

// What the stats count, one row per interview in range, under the names of interview_facts: the
// stats read the table the writes keep (storedFacts); the tests and the bench can hand them the
// same rows computed from scratch instead.

/** an interview_facts row, as the stats read it */
export type FactRow = Omit<Selectable<InterviewFactsTable>, 'agency_id' | 'canceled'>

/** Where the facts of a range come from: a query builder with a `facts` CTE of FactRow. */
export type FactsSource = (
  db: Db,
  agencyId: string,
  range: { from: string; to: string },
  tz: string,
) => QueryCreator<Database & { facts: FactRow }>

/** The range's interviews by start time, local midnights as instants (the index serves it). */
export function startsInRange(column: string, range: { from: string; to: string }, tz: string) {
  const starts = sql.ref<Date>(column)
  return sql<boolean>`${starts} >= (${range.from}::date)::timestamp at time zone ${tz}
    and ${starts} < (${range.to}::date + 1)::timestamp at time zone ${tz}`
}

/**
 * The facts as the writes keep them: one range of interview_facts_range_idx, which holds every
 * column read (an index-only scan). A canceled interview never took place: it counts nowhere.
 */
export const storedFacts: FactsSource = (db, agencyId, range, tz) =>
  db.with('facts', (qb) =>
    qb
      .selectFrom('interview_facts as s')
      .select([
        's.interview_id',
        's.starts_at',
        's.recruiter_id',
        's.client_company',
        's.week',
        's.coached',
        's.delivered',
        's.page_opened',
        's.draft_used',
        's.note_hours',
        's.on_time',
        's.all_thanked',
        's.outcome',
        's.coaching_text',
        's.profile',
      ])
      .where('s.agency_id', '=', agencyId)
      .where('s.canceled', '=', false)
      .where(startsInRange('s.starts_at', range, tz)),
  )
