import { sql, type QueryCreator, type RawBuilder, type Selectable } from 'kysely'
import type { Db } from '../../db/client'
import type { Database, InterviewFactsTable } from '../../db/schema'
import type { StatsGroupBy } from '../schemas/stats'
import {
  addKind,
  addOutcome,
  bit,
  bitsOfOpen,
  emptyTallies,
  groupOf,
  type Tallies,
  type TallyRequest,
} from './stats-tally'
import { openWindowSql } from './stats-window'

// The stats counted from one row per interview in range, under the names of interview_facts:
// the reference the counts per day and week (stats-days.ts) are checked against. The tests and the bench
// hand it the table the writes keep (storedFacts) or the same rows computed from scratch.

/** an interview_facts row, as the stats read it */
export type FactRow = Omit<
  Selectable<InterviewFactsTable>,
  'agency_id' | 'canceled' | 'day' | 'note_bucket'
>

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

// Each breakdown groups by a column of the facts, its key made once per group. Clients group by
// their bytes ("C"): the same groups as the column's collation, without its costly comparisons.
const groupings: Record<StatsGroupBy, { by: RawBuilder<unknown>; key: RawBuilder<string | null> }> =
  {
    recruiter: { by: sql`f.recruiter_id`, key: sql`f.recruiter_id::text` },
    client: { by: sql`(f.client_company collate "C")`, key: sql`(f.client_company collate "C")` },
    week: { by: sql`f.week`, key: sql`to_char(f.week, 'YYYY-MM-DD')` },
  }

/**
 * One pass over the facts of the range for the totals and every breakdown: GROUPING SETS, each
 * set `extra` and nothing (the totals) or one breakdown's column. `breakdown` names the set of a
 * row (null: the totals) and `key` its group.
 */
function groupedBy<C extends Record<string, unknown>>(
  facts: ReturnType<FactsSource>,
  breakdowns: StatsGroupBy[],
  extra: RawBuilder<unknown>[],
  where: RawBuilder<boolean>,
  columns: { [K in keyof C]: RawBuilder<C[K]> },
) {
  const which = <T>(pick: (name: StatsGroupBy) => RawBuilder<unknown>) =>
    breakdowns.length === 0
      ? sql<T>`null`
      : sql<T>`case ${sql.join(
          breakdowns.map(
            (name) => sql`when grouping(${groupings[name].by}) = 0 then ${pick(name)}`,
          ),
          sql` `,
        )} end`
  const sets = [
    sql`(${sql.join(extra)})`,
    ...breakdowns.map((name) => sql`(${sql.join([groupings[name].by, ...extra])})`),
  ]
  return facts
    .selectFrom('facts as f')
    .select([
      which<StatsGroupBy | null>((name) => sql.lit(name)).as('breakdown'),
      which<string | null>((name) => groupings[name].key).as('key'),
      ...Object.entries(columns).map(([name, column]) => column.as(name)),
    ])
    .where(where)
    .groupBy(sql`grouping sets (${sql.join(sets)})`)
    .execute() as Promise<({ breakdown: StatsGroupBy | null; key: string | null } & C)[]>
}

/**
 * The tallies from one row per interview, in two passes over the facts of the range at once: how
 * many interviews of each profile each group has (and how many of them are still in their note
 * window), and the medians, which need each group's times in order.
 */
export const countFromFacts =
  (source: FactsSource) =>
  async (db: Db, request: TallyRequest): Promise<Tallies> => {
    const { ownRecruiterId: own, breakdowns, now } = request
    const facts = source(db, request.agencyId, request.range, request.timeZone)
    const mine = own ? sql<boolean>`f.recruiter_id = ${own}` : sql<boolean>`false`
    const median = (scope: RawBuilder<boolean>) =>
      sql<number | null>`percentile_cont(0.5) within group (order by note_hours)
        filter (where ${scope})`
    const open = sql<boolean>`(f.profile & ${bitsOfOpen}) = ${bit.coached}
      and ${openWindowSql('f', now)}`
    const [kinds, medians] = await Promise.all([
      groupedBy(facts, breakdowns, [sql`f.profile`], sql`true`, {
        profile: sql<number>`f.profile`,
        n: sql<number>`count(*)::int`,
        own: sql<number>`(count(*) filter (where ${mine}))::int`,
        open: sql<number>`(count(*) filter (where ${open}))::int`,
        ownOpen: sql<number>`(count(*) filter (where ${mine} and ${open}))::int`,
      }),
      // only the coached interviews with a note have a time to a note
      groupedBy(facts, breakdowns, [], sql`coached and note_hours is not null`, {
        agency: median(sql`true`),
        own: median(mine),
      }),
    ])
    const tallies = emptyTallies(request)
    for (const row of kinds) {
      if (row.breakdown === null) {
        addKind(tallies.agency.counts, row.profile, row.n, row.open)
        if (tallies.own) addKind(tallies.own.counts, row.profile, row.own, row.ownOpen)
        // an interview still in its window has no side yet: it may get its note
        addOutcome(tallies.outcomes, row.profile, row.n - row.open)
        continue
      }
      // a recruiter session's groups hold its own interviews only
      const [n, open] = own ? [row.own, row.ownOpen] : [row.n, row.open]
      if (n === 0) continue
      addKind(groupOf(tallies, row.breakdown, row.key).counts, row.profile, n, open)
    }
    for (const row of medians) {
      const value = own ? row.own : row.agency
      if (row.breakdown === null) {
        tallies.agency.median = row.agency
        if (tallies.own) tallies.own.median = row.own
      } else if (value != null) {
        groupOf(tallies, row.breakdown, row.key).median = value
      }
    }
    if (tallies.previous) {
      const earlier = await countFromFacts(source)(db, {
        ...request,
        breakdowns: [],
        range: request.previous!,
        previous: null,
      })
      tallies.previous = { agency: earlier.agency, own: earlier.own }
    }
    return tallies
  }
