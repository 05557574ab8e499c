import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import { wallClock } from '../lib/wall-clock'
import { resolveRange } from './stats-range'
import { storedFacts, type FactsSource } from './stats-facts'
import type { Stats, StatsFigures, StatsGroupBy, StatsQuery } from '../schemas/stats'
import type { Viewer } from './interviews'
import { thankYouEvidence } from '../lib/evidence'

export const industryBaseline = {
  sendRate: thankYouEvidence.sendRate,
  source: thankYouEvidence.source,
}

interface FigureCounts {
  interviews: number
  coached: number
  delivered: number
  pageOpened: number
  draftUsed: number
  sent: number
  onTime: number
  fullCoverage: number
  textsSent: number
  textsDelivered: number
  textsFailed: number
}

/**
 * The counts of the rows matching `scope`, as one JSON value, so the agency's and the viewer's
 * own figures come from the same pass (FILTER clauses). Every numerator of a rate counts coached
 * interviews only, so no rate can pass 1; the texts are counts of their own.
 */
function countsOf(scope: RawBuilder<unknown>) {
  const coachedAnd = (condition: RawBuilder<unknown>) =>
    sql`count(*) filter (where ${scope} and coached and ${condition})`
  return sql<FigureCounts>`json_build_object(
    'interviews', count(*) filter (where ${scope}),
    'coached', ${coachedAnd(sql`true`)},
    'delivered', ${coachedAnd(sql`delivered`)},
    'pageOpened', ${coachedAnd(sql`page_opened`)},
    'draftUsed', ${coachedAnd(sql`draft_used`)},
    'sent', ${coachedAnd(sql`note_hours is not null`)},
    'onTime', ${coachedAnd(sql`on_time`)},
    'fullCoverage', ${coachedAnd(sql`all_thanked`)},
    'textsSent', count(*) filter (where ${scope} and coaching_text is not null
      and coaching_text <> 'failed'),
    'textsDelivered', count(*) filter (where ${scope} and coaching_text = 'delivered'),
    'textsFailed', count(*) filter (where ${scope}
      and coaching_text in ('failed', 'undelivered'))
  )`
}

interface OutcomeCounts {
  interviews: number
  withOutcome: number
  advanced: number
  offer: number
  hired: number
}

/**
 * Outcomes of coached interviews with a note sent and without one, from the same facts: an offer
 * counts as advanced too, a hire as an offer. These show association only.
 */
function outcomesOf() {
  const side = (noted: RawBuilder<boolean>) => {
    const where = (condition: RawBuilder<unknown>) =>
      sql`count(*) filter (where coached and ${noted} and ${condition})`
    return sql`json_build_object(
      'interviews', ${where(sql`true`)},
      'withOutcome', ${where(sql`outcome is not null`)},
      'advanced', ${where(sql`outcome in ('advanced', 'offer', 'hired')`)},
      'offer', ${where(sql`outcome in ('offer', 'hired')`)},
      'hired', ${where(sql`outcome = 'hired'`)}
    )`
  }
  return sql<{ withNote: OutcomeCounts; withoutNote: OutcomeCounts }>`json_build_object(
    'withNote', ${side(sql`note_hours is not null`)},
    'withoutNote', ${side(sql`note_hours is null`)}
  )`
}

const rateOf = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

function toFigures(counts: FigureCounts, medianHours: number | null | undefined): StatsFigures {
  return {
    interviews: counts.interviews,
    coached: counts.coached,
    funnel: {
      delivered: counts.delivered,
      pageOpened: counts.pageOpened,
      draftCopiedOrMailOpened: counts.draftUsed,
      sent: counts.sent,
    },
    onTime: counts.onTime,
    fullCoverage: counts.fullCoverage,
    texts: {
      sent: counts.textsSent,
      delivered: counts.textsDelivered,
      failed: counts.textsFailed,
    },
    sendRate: rateOf(counts.sent, counts.coached),
    onTimeRate: rateOf(counts.onTime, counts.coached),
    fullCoverageRate: rateOf(counts.fullCoverage, counts.coached),
    medianHoursToFirstNote: medianHours == null ? null : Math.round(medianHours * 100) / 100,
  }
}

// Each breakdown groups by a column of the facts, and its key and label are made from the group
// (once per group, not per row). Clients group by their bytes ("C"): the same groups as the
// column's collation, without its costly comparisons when a plan sorts.
const groupings: Record<
  StatsGroupBy,
  { by: RawBuilder<unknown>; key: RawBuilder<string | null>; label: RawBuilder<string> }
> = {
  recruiter: {
    by: sql`f.recruiter_id`,
    key: sql`f.recruiter_id::text`,
    label: sql`coalesce((select r.name from recruiters r where r.id = f.recruiter_id), 'Unassigned')`,
  },
  client: {
    by: sql`(f.client_company collate "C")`,
    key: sql`(f.client_company collate "C")`,
    label: sql`(f.client_company collate "C")`,
  },
  week: {
    by: sql`f.week`,
    key: sql`to_char(f.week, 'YYYY-MM-DD')`,
    label: sql`to_char(f.week, 'IYYY-"W"IW')`,
  },
}

/** The breakdowns asked for (`week,client`), each once, that this viewer may read. */
function breakdownsOf(query: StatsQuery, viewer: Viewer): StatsGroupBy[] {
  const asked = (query.groupBy?.split(',') ?? []) as StatsGroupBy[]
  if (new Set(asked).size !== asked.length) {
    throw new ApiError('validation_failed', 'The request query string is not valid.', [
      { path: 'groupBy', message: 'Name each breakdown once.' },
    ])
  }
  if (viewer.ownRecruiterId && asked.includes('recruiter')) {
    // asked alone it is refused; beside others (a dashboard's one request) it is left out
    if (asked.length === 1) {
      throw new ApiError(
        'forbidden',
        "A recruiter session sees its own figures and the agency's totals, not other recruiters'.",
      )
    }
    return asked.filter((name) => name !== 'recruiter')
  }
  return asked
}

/**
 * One pass over the facts for the whole range and every breakdown: GROUPING SETS, the empty set
 * for the totals and one per breakdown. `breakdown` names the set of each row (null: totals).
 */
function groupedBy<C extends Record<string, unknown>>(
  facts: ReturnType<FactsSource>,
  breakdowns: StatsGroupBy[],
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
  const sets = [sql`()`, ...breakdowns.map((name) => sql`(${groupings[name].by})`)]
  return facts
    .selectFrom('facts as f')
    .select([
      which<StatsGroupBy | null>((name) => sql.lit(name)).as('breakdown'),
      which<string | null>((name) => groupings[name].key).as('key'),
      which<string | null>((name) => groupings[name].label).as('label'),
      ...Object.entries(columns).map(([name, column]) => column.as(name)),
    ])
    .where(where)
    .groupBy(sql`grouping sets (${sql.join(sets)})`)
    .execute() as Promise<
    ({ breakdown: StatsGroupBy | null; key: string | null; label: string | null } & C)[]
  >
}

/**
 * The agency's metrics for a date range: totals, the recruiter's own figures for a recruiter
 * session, and any breakdowns. Three queries whatever the data size and however many
 * breakdowns (two without any): the agency's time zone, then passes over the facts of the range
 * (by default those the writes keep, one index range), each for the totals and every breakdown
 * at once. A recruiter session's groups count its own interviews only.
 */
export async function getStats(
  db: Db,
  viewer: Viewer,
  query: StatsQuery,
  now = new Date(),
  source: FactsSource = storedFacts,
): Promise<Stats> {
  const own = viewer.ownRecruiterId
  const breakdowns = breakdownsOf(query, viewer)
  const { time_zone: timeZone } = await db
    .selectFrom('agencies')
    .select('time_zone')
    .where('id', '=', viewer.agencyId)
    .executeTakeFirstOrThrow()
  const range = resolveRange(query, wallClock(timeZone, now).date)
  const facts = source(db, viewer.agencyId, range, timeZone)
  const mine = own ? sql<boolean>`f.recruiter_id = ${own}` : sql<boolean>`false`

  // only the coached interviews with a note have a time to a note
  const noted = sql<boolean>`coached and note_hours is not null`
  const median = (scope: RawBuilder<boolean>) =>
    sql<number | null>`percentile_cont(0.5) within group (order by note_hours)
      filter (where ${scope} and ${noted})`
  const medianColumns = { agencyMedian: median(sql`true`), ownMedian: median(mine) }
  const countColumns = {
    agency: countsOf(sql`true`),
    own: countsOf(mine),
    outcomes: outcomesOf(),
  }
  // Without breakdowns, one plain aggregate has it all; with them, the counts are hashed by
  // group in one pass and the medians, which need each group's times in order, take another.
  const [counts, medians] =
    breakdowns.length === 0
      ? await groupedBy(facts, [], sql`true`, { ...countColumns, ...medianColumns }).then(
          (rows) => [rows, rows] as const,
        )
      : await Promise.all([
          groupedBy(facts, breakdowns, sql`true`, countColumns),
          groupedBy(facts, breakdowns, noted, medianColumns),
        ])

  const medianOf = new Map(medians.map((row) => [JSON.stringify([row.breakdown, row.key]), row]))
  const totals = counts.find((row) => row.breakdown === null)!
  const totalsMedian = medianOf.get(JSON.stringify([null, null]))
  const groupsOf = (name: StatsGroupBy) =>
    counts
      .filter((row) => row.breakdown === name && (own ? row.own : row.agency).interviews > 0)
      .map((row) => {
        const m = medianOf.get(JSON.stringify([name, row.key]))
        return {
          key: row.key,
          label: row.label!,
          ...toFigures(own ? row.own : row.agency, own ? m?.ownMedian : m?.agencyMedian),
        }
      })
      // weeks in order; the rest busiest first, then by name
      .sort((a, b) =>
        name === 'week'
          ? a.key!.localeCompare(b.key!)
          : b.interviews - a.interviews || a.label.localeCompare(b.label),
      )
  const all = Object.fromEntries(breakdowns.map((name) => [name, groupsOf(name)]))
  return {
    ...range,
    timeZone,
    groupBy: breakdowns[0] ?? null,
    totals: toFigures(totals.agency, totalsMedian?.agencyMedian),
    mine: own ? toFigures(totals.own, totalsMedian?.ownMedian) : null,
    groups: breakdowns[0] ? all[breakdowns[0]]! : [],
    breakdowns: all,
    outcomes: totals.outcomes,
    baseline: industryBaseline,
  }
}
