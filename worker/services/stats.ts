import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import { wallClock } from '../lib/wall-clock'
import { resolveRange } from './stats-range'
import { storedFacts, type FactsSource } from './stats-facts'
import type { Stats, StatsFigures, StatsGroupBy, StatsQuery } from '../schemas/stats'
import type { Viewer } from './interviews'
import { thankYouEvidence } from '../lib/evidence'
import { noteDeadlineSql, noteWindowMs } from '../lib/note-window'
import { interviewLimits } from '../schemas/interview-limits'

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
  inWindow: number
  textsSent: number
  textsDelivered: number
  textsFailed: number
}

interface OutcomeCounts {
  interviews: number
  withOutcome: number
  advanced: number
  offer: number
  hired: number
}

/**
 * Everything the figures count of an interview, as interview_facts.profile packs it (migration
 * 2026_12_01_000200_add_text_facts.ts): a bit per fact, then the outcome and the coaching text.
 */
const bit = {
  coached: 1,
  delivered: 2,
  pageOpened: 4,
  draftUsed: 8,
  noted: 16,
  onTime: 32,
  fullCoverage: 64,
} as const
/** coached without a note: the bits an interview still inside its window has */
const bitsOfOpen = bit.coached | bit.noted
const outcomeOf = (profile: number) => (profile >> 7) & 7 // 1 advanced, 2 offer, 3 hired, 4, 5
const textOf = (profile: number) => (profile >> 10) & 7 // 1 sent, 2 delivered, 3 undelivered, 4 failed

const noCounts = (): FigureCounts => ({
  interviews: 0,
  coached: 0,
  delivered: 0,
  pageOpened: 0,
  draftUsed: 0,
  sent: 0,
  onTime: 0,
  fullCoverage: 0,
  inWindow: 0,
  textsSent: 0,
  textsDelivered: 0,
  textsFailed: 0,
})

const noOutcomes = (): OutcomeCounts => ({
  interviews: 0,
  withOutcome: 0,
  advanced: 0,
  offer: 0,
  hired: 0,
})

/**
 * Adds `n` interviews of `profile` to `counts`, `open` of them still inside their note window.
 * Every numerator of a rate counts coached interviews only, so no rate can pass 1; the texts are
 * counts of their own, over every interview.
 */
function addKind(counts: FigureCounts, profile: number, n: number, open: number) {
  counts.interviews += n
  counts.inWindow += open
  const text = textOf(profile)
  if (text >= 1 && text <= 3) counts.textsSent += n
  if (text === 2) counts.textsDelivered += n
  if (text >= 3) counts.textsFailed += n
  if (!(profile & bit.coached)) return
  counts.coached += n
  if (profile & bit.delivered) counts.delivered += n
  if (profile & bit.pageOpened) counts.pageOpened += n
  if (profile & bit.draftUsed) counts.draftUsed += n
  if (profile & bit.noted) counts.sent += n
  if (profile & bit.onTime) counts.onTime += n
  if (profile & bit.fullCoverage) counts.fullCoverage += n
}

/**
 * Outcomes of coached interviews with a note sent and without one: an offer counts as advanced
 * too, a hire as an offer. These show association only.
 */
function addOutcome(
  outcomes: { withNote: OutcomeCounts; withoutNote: OutcomeCounts },
  profile: number,
  n: number,
) {
  if (!(profile & bit.coached)) return
  const side = profile & bit.noted ? outcomes.withNote : outcomes.withoutNote
  const outcome = outcomeOf(profile)
  side.interviews += n
  if (outcome === 0) return
  side.withOutcome += n
  if (outcome <= 3) side.advanced += n
  if (outcome === 2 || outcome === 3) side.offer += n
  if (outcome === 3) side.hired += n
}

/** "2026-W47" for the Monday "2026-11-16": the ISO year and week (its Thursday's year). */
function isoWeekLabel(monday: string): string {
  const thursday = new Date(`${monday}T00:00:00Z`)
  thursday.setUTCDate(thursday.getUTCDate() + 3)
  const year = thursday.getUTCFullYear()
  const dayOfYear = (thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`
}

/** Each breakdown's label for a group's key (`names`: recruiters' names by id). */
function labelOf(name: StatsGroupBy, key: string | null, names: Record<string, string>): string {
  if (name === 'week') return isoWeekLabel(key!)
  if (name === 'client') return key!
  return (key && names[key]) || 'Unassigned'
}

const rateOf = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

function toFigures(counts: FigureCounts, medianHours: number | null | undefined): StatsFigures {
  // decided: the note window closed, or a note went; one still open is neither a send nor a miss
  const decided = counts.coached - counts.inWindow
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
    inWindow: counts.inWindow,
    sendRate: rateOf(counts.sent, decided),
    onTimeRate: rateOf(counts.onTime, decided),
    fullCoverageRate: rateOf(counts.fullCoverage, decided),
    medianHoursToFirstNote: medianHours == null ? null : Math.round(medianHours * 100) / 100,
  }
}

// Each breakdown groups by a column of the facts, its key made once per group. Clients group by
// their bytes ("C"): the same groups as the column's collation, without its costly comparisons.
const groupings: Record<StatsGroupBy, { by: RawBuilder<unknown>; key: RawBuilder<string | null> }> =
  {
    recruiter: { by: sql`f.recruiter_id`, key: sql`f.recruiter_id::text` },
    client: { by: sql`(f.client_company collate "C")`, key: sql`(f.client_company collate "C")` },
    week: { by: sql`f.week`, key: sql`to_char(f.week, 'YYYY-MM-DD')` },
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
 * One pass over the facts of the range for the totals and every breakdown: GROUPING SETS, each
 * set `extra` and nothing (the totals) or one breakdown's column. `breakdown` names the set of a
 * row (null: the totals) and `key` its group. Grouped by profile too, the counts are a few
 * thousand rows however many interviews, each saying how many interviews (`n`, and the viewer's
 * own `own`) share a profile in a group; the figures are sums of them, made here.
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
 * The agency's metrics for a date range: totals, the recruiter's own figures for a recruiter
 * session, and any breakdowns. Three queries whatever the data size and however many
 * breakdowns: the agency (its time zone, and its recruiters' names for that breakdown), then two
 * passes over the facts of the range at once (by default those the writes keep, one index range
 * each): how many interviews of each profile each group has, summed here into every figure, and
 * the medians, which need each group's times in order. A recruiter session's groups count its
 * own interviews only.
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
  const agencyRow = await db
    .selectFrom('agencies as a')
    .select((eb) => [
      'a.time_zone',
      breakdowns.includes('recruiter')
        ? eb
            .selectFrom('recruiters as r')
            .select(sql<Record<string, string>>`json_object_agg(r.id, r.name)`.as('names'))
            .whereRef('r.agency_id', '=', 'a.id')
            .as('names')
        : sql<Record<string, string> | null>`null`.as('names'),
    ])
    .where('a.id', '=', viewer.agencyId)
    .executeTakeFirstOrThrow()
  const timeZone = agencyRow.time_zone
  const names = agencyRow.names ?? {}
  const range = resolveRange(query, wallClock(timeZone, now).date)
  const facts = source(db, viewer.agencyId, range, timeZone)
  const mine = own ? sql<boolean>`f.recruiter_id = ${own}` : sql<boolean>`false`
  const median = (scope: RawBuilder<boolean>) =>
    sql<number | null>`percentile_cont(0.5) within group (order by note_hours)
      filter (where ${scope})`
  // Coached, no note yet, and its window still open at `now`: only an interview that started
  // within the window and the longest interview before `now` can be, so only those are looked up.
  const recent = new Date(now.getTime() - noteWindowMs - interviewLimits.maxMinutes * 60_000)
  const open = sql<boolean>`(f.profile & ${bitsOfOpen}) = ${bit.coached}
    and f.starts_at > ${recent}
    and exists (select 1 from interviews i where i.id = f.interview_id
      and ${noteDeadlineSql(sql.ref<Date>('i.ends_at'))} > ${now})`
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

  const agency = noCounts()
  const ownCounts = noCounts()
  const outcomes = { withNote: noOutcomes(), withoutNote: noOutcomes() }
  const groups = new Map(breakdowns.map((name) => [name, new Map<string | null, FigureCounts>()]))
  for (const row of kinds) {
    if (row.breakdown === null) {
      addKind(agency, row.profile, row.n, row.open)
      addKind(ownCounts, row.profile, row.own, row.ownOpen)
      // an interview still in its window has no side yet: it may get its note
      addOutcome(outcomes, row.profile, row.n - row.open)
      continue
    }
    // a recruiter session's groups hold its own interviews only
    const [n, open] = own ? [row.own, row.ownOpen] : [row.n, row.open]
    if (n === 0) continue
    const byKey = groups.get(row.breakdown)!
    let counts = byKey.get(row.key)
    if (!counts) byKey.set(row.key, (counts = noCounts()))
    addKind(counts, row.profile, n, open)
  }

  const medianOf = new Map(medians.map((row) => [JSON.stringify([row.breakdown, row.key]), row]))
  const medianFor = (name: StatsGroupBy | null, key: string | null, ofOwn: boolean) => {
    const row = medianOf.get(JSON.stringify([name, key]))
    return ofOwn ? row?.own : row?.agency
  }
  const groupsOf = (name: StatsGroupBy) =>
    [...groups.get(name)!]
      .map(([key, counts]) => ({
        key,
        label: labelOf(name, key, names),
        ...toFigures(counts, medianFor(name, key, own !== null)),
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
    totals: toFigures(agency, medianFor(null, null, false)),
    mine: own ? toFigures(ownCounts, medianFor(null, null, true)) : null,
    groups: breakdowns[0] ? all[breakdowns[0]]! : [],
    breakdowns: all,
    outcomes,
    baseline: industryBaseline,
  }
}
