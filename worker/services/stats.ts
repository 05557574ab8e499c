import { sql } from 'kysely'
import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import { wallClock } from '../lib/wall-clock'
import { previousRange, resolveRange } from './stats-range'
import { countFromDays } from './stats-days'
import type { FigureCounts, Tallies, TallyRequest } from './stats-tally'
import type { Stats, StatsFigures, StatsGroupBy, StatsQuery } from '../schemas/stats'
import type { Viewer } from './interviews'
import { thankYouEvidence } from '../lib/evidence'

export const industryBaseline = {
  sendRate: thankYouEvidence.sendRate,
  source: thankYouEvidence.source,
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

/** Counts a stats request: from the day and week counts (the route), or from one row per interview. */
export type StatsCounter = (db: Db, request: TallyRequest) => Promise<Tallies>

/**
 * The agency's metrics for a date range: totals, the recruiter's own figures for a recruiter
 * session, and any breakdowns, however many, from one pass (stats-days.ts: four queries whatever
 * the interviews in range). A recruiter session's groups count its own interviews only.
 */
export async function getStats(
  db: Db,
  viewer: Viewer,
  query: StatsQuery,
  now = new Date(),
  counter: StatsCounter = countFromDays,
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
  const before = query.compare === 'previous' ? previousRange(range) : null
  const tallies = await counter(db, {
    agencyId: viewer.agencyId,
    ownRecruiterId: own,
    breakdowns,
    range,
    previous: before,
    timeZone,
    now,
  })
  const groupsOf = (name: StatsGroupBy) =>
    [...tallies.groups.get(name)!]
      .map(([key, tally]) => ({
        key,
        label: labelOf(name, key, names),
        ...toFigures(tally.counts, tally.median),
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
    totals: toFigures(tallies.agency.counts, tallies.agency.median),
    mine: tallies.own ? toFigures(tallies.own.counts, tallies.own.median) : null,
    groups: breakdowns[0] ? all[breakdowns[0]]! : [],
    breakdowns: all,
    outcomes: tallies.outcomes,
    baseline: industryBaseline,
    previous:
      before && tallies.previous
        ? {
            ...before,
            totals: toFigures(tallies.previous.agency.counts, tallies.previous.agency.median),
            mine: tallies.previous.own
              ? toFigures(tallies.previous.own.counts, tallies.previous.own.median)
              : null,
          }
        : null,
  }
}
