import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import { noteDeadlineSql } from '../lib/note-window'
import { wallClock } from '../lib/wall-clock'
import { resolveRange } from './stats-range'
import type { Stats, StatsFigures, StatsGroupBy, StatsQuery } from '../schemas/stats'
import { coachingEmailOf, isCoached, type CoachingEmailStatus } from './coaching-status'
import type { Viewer } from './interviews'

export const industryBaseline = {
  sendRate: 0.24,
  source: 'Accountemps (Robert Half) survey of hiring managers, 2017',
}

/**
 * One row per interview that started in the range (by the agency's local calendar), with what
 * the metrics need. Each fact is an index probe per interview (emails and events by
 * interview_id, the interviewers by their (interview_id, position) key), so the cost grows with
 * the interviews in range and nothing else, and no plan can turn it quadratic: joining
 * per-table aggregates instead let a planner with stale row estimates (fresh data, before
 * autovacuum's analyze) pick a nested loop over both sides.
 */
function interviewFacts(db: Db, agencyId: string, range: { from: string; to: string }, tz: string) {
  const hasEvent = (types: string[]) =>
    sql<boolean>`exists (select 1 from events v where v.interview_id = s.id and v.type in (${sql.join(types)}))`
  // materialized: computed once per interview, however many FILTER clauses read each fact
  return db.with(
    (cte) => cte('interview_facts').materialized(),
    (qb) =>
      qb
        .selectFrom('interviews as s')
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom('interviewers as p')
              .select([
                // note_sent_at is the note's current state: an undone "I sent it" no longer counts
                sql<Date | null>`min(p.note_sent_at)`.as('first_note_at'),
                sql<boolean | null>`bool_and(p.note_sent_at is not null)`.as('all_thanked'),
              ])
              .whereRef('p.interview_id', '=', 's.id')
              .as('n'),
          (join) => join.onTrue(),
        )
        .select([
          's.recruiter_id',
          's.client_company',
          's.ends_at',
          's.outcome',
          // date_trunc('week') starts ISO weeks on Monday, here in the agency's local time
          sql<Date>`date_trunc('week', s.starts_at at time zone ${tz})`.as('week'),
          // coached and delivered as the interview shows them (services/coaching-status.ts)
          coachingEmailOf('s').as('coaching_email'),
          hasEvent(['page_opened']).as('page_opened'),
          hasEvent(['copied', 'mail_opened']).as('draft_used'),
          'n.first_note_at',
          sql<boolean>`coalesce(n.all_thanked, false)`.as('all_thanked'),
        ])
        .where('s.agency_id', '=', agencyId)
        // a canceled interview never took place: it counts nowhere
        .where('s.canceled_at', 'is', null)
        // local midnights as instants, so the (agency_id, starts_at) index serves the range
        .where('s.starts_at', '>=', sql<Date>`(${range.from}::date)::timestamp at time zone ${tz}`)
        .where(
          's.starts_at',
          '<',
          sql<Date>`(${range.to}::date + 1)::timestamp at time zone ${tz}`,
        ),
  )
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
  medianHours: number | null
}

/**
 * The figures of the rows matching `scope`, as one JSON value, so totals and the viewer's own
 * figures come from the same pass (FILTER clauses) and every group from one GROUP BY. Every
 * numerator counts coached interviews only, so no rate can pass 1.
 */
function figuresOf(scope: RawBuilder<unknown>) {
  const coached = isCoached(sql.ref<CoachingEmailStatus>('coaching_email'))
  const coachedAnd = (condition: RawBuilder<unknown>) =>
    sql`count(*) filter (where ${scope} and ${coached} and ${condition})`
  return sql<FigureCounts>`json_build_object(
    'interviews', count(*) filter (where ${scope}),
    'coached', ${coachedAnd(sql`true`)},
    'delivered', ${coachedAnd(sql`coaching_email = 'delivered'`)},
    'pageOpened', ${coachedAnd(sql`page_opened`)},
    'draftUsed', ${coachedAnd(sql`draft_used`)},
    'sent', ${coachedAnd(sql`first_note_at is not null`)},
    'onTime', ${coachedAnd(sql`first_note_at <= ${noteDeadlineSql(sql.ref<Date>('ends_at'))}`)},
    'fullCoverage', ${coachedAnd(sql`all_thanked`)},
    'medianHours', percentile_cont(0.5) within group (
      order by extract(epoch from first_note_at - ends_at)::float8 / 3600
    ) filter (where ${scope} and ${coached} and first_note_at is not null)
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
  const coached = isCoached(sql.ref<CoachingEmailStatus>('coaching_email'))
  const side = (noted: RawBuilder<boolean>) => {
    const where = (condition: RawBuilder<unknown>) =>
      sql`count(*) filter (where ${coached} and ${noted} and ${condition})`
    return sql`json_build_object(
      'interviews', ${where(sql`true`)},
      'withOutcome', ${where(sql`outcome is not null`)},
      'advanced', ${where(sql`outcome in ('advanced', 'offer', 'hired')`)},
      'offer', ${where(sql`outcome in ('offer', 'hired')`)},
      'hired', ${where(sql`outcome = 'hired'`)}
    )`
  }
  return sql<{ withNote: OutcomeCounts; withoutNote: OutcomeCounts }>`json_build_object(
    'withNote', ${side(sql`first_note_at is not null`)},
    'withoutNote', ${side(sql`first_note_at is null`)}
  )`
}

const rateOf = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

function toFigures(counts: FigureCounts): StatsFigures {
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
    sendRate: rateOf(counts.sent, counts.coached),
    onTimeRate: rateOf(counts.onTime, counts.coached),
    fullCoverageRate: rateOf(counts.fullCoverage, counts.coached),
    medianHoursToFirstNote:
      counts.medianHours === null ? null : Math.round(counts.medianHours * 100) / 100,
  }
}

const groupings: Record<
  StatsGroupBy,
  { key: RawBuilder<string | null>; label: RawBuilder<string> }
> = {
  recruiter: { key: sql`f.recruiter_id::text`, label: sql`coalesce(r.name, 'Unassigned')` },
  client: { key: sql`f.client_company`, label: sql`f.client_company` },
  week: { key: sql`to_char(f.week, 'YYYY-MM-DD')`, label: sql`to_char(f.week, 'IYYY-"W"IW')` },
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

/** The groups of every breakdown from one pass: GROUPING SETS, one set per breakdown. */
function breakdownQuery(
  facts: ReturnType<typeof interviewFacts>,
  breakdowns: StatsGroupBy[],
  own: string | null,
) {
  const which = (
    pick: (g: (typeof groupings)[StatsGroupBy], name: StatsGroupBy) => RawBuilder<unknown>,
  ) =>
    sql`case ${sql.join(
      breakdowns.map(
        (name) =>
          sql`when grouping(${groupings[name].key}) = 0 then ${pick(groupings[name], name)}`,
      ),
      sql` `,
    )} end`
  return (
    facts
      .selectFrom('interview_facts as f')
      .leftJoin('recruiters as r', 'r.id', 'f.recruiter_id')
      .select([
        which((_, name) => sql.lit(name)).as('breakdown'),
        which((g) => g.key).as('key'),
        which((g) => g.label).as('label'),
        figuresOf(sql`true`).as('figures'),
      ])
      // a recruiter session's breakdown is of its own interviews only
      .$if(own !== null, (qb) => qb.where('f.recruiter_id', '=', own))
      .groupBy(
        sql`grouping sets (${sql.join(
          breakdowns.map((name) => sql`(${groupings[name].key}, ${groupings[name].label})`),
        )})`,
      )
      .execute()
  )
}

/**
 * The agency's metrics for a date range: totals, the recruiter's own figures for a recruiter
 * session, and any breakdowns. Three queries whatever the data size and however many
 * breakdowns: the agency's time zone, the totals, and the groups of every breakdown in one pass.
 */
export async function getStats(
  db: Db,
  viewer: Viewer,
  query: StatsQuery,
  now = new Date(),
): Promise<Stats> {
  const own = viewer.ownRecruiterId
  const breakdowns = breakdownsOf(query, viewer)
  const { time_zone: timeZone } = await db
    .selectFrom('agencies')
    .select('time_zone')
    .where('id', '=', viewer.agencyId)
    .executeTakeFirstOrThrow()
  const range = resolveRange(query, wallClock(timeZone, now).date)
  const facts = interviewFacts(db, viewer.agencyId, range, timeZone)

  const totalsQuery = facts
    .selectFrom('interview_facts as f')
    .select([
      figuresOf(sql`true`).as('totals'),
      (own ? figuresOf(sql`f.recruiter_id = ${own}`) : sql<FigureCounts | null>`null`).as('mine'),
      outcomesOf().as('outcomes'),
    ])
    .executeTakeFirstOrThrow()
  const groupsQuery =
    breakdowns.length > 0 ? breakdownQuery(facts, breakdowns, own) : Promise.resolve([])

  const [totals, rows] = await Promise.all([totalsQuery, groupsQuery])
  const groupsOf = (name: StatsGroupBy) =>
    rows
      .filter((row) => row.breakdown === name)
      .map((row) => ({
        key: row.key as string | null,
        label: row.label as string,
        ...toFigures(row.figures),
      }))
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
    totals: toFigures(totals.totals),
    mine: totals.mine ? toFigures(totals.mine) : null,
    groups: breakdowns[0] ? all[breakdowns[0]]! : [],
    breakdowns: all,
    outcomes: totals.outcomes,
    baseline: industryBaseline,
  }
}
