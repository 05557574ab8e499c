import { ApiError } from '../errors'
import type { StatsQuery } from '../schemas/stats'

// The date range of a stats request, in the agency's calendar.

const dayMs = 86_400_000
const defaultRangeDays = 30
const maxRangeDays = 366

const addDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * dayMs).toISOString().slice(0, 10)

/**
 * Fills in a missing end (today) or start (29 days before the end) and checks the range. Done
 * here rather than in the zod schema because "today" depends on the agency's time zone.
 */
export function resolveRange(query: StatsQuery, today: string): { from: string; to: string } {
  const to = query.to ?? today
  const from = query.from ?? addDays(to, 1 - defaultRangeDays)
  const invalid = (message: string) =>
    new ApiError('validation_failed', 'The request query string is not valid.', [
      { path: 'to', message },
    ])
  if (to < from) throw invalid(`Must be on or after from (${from}).`)
  const days = (Date.parse(to) - Date.parse(from)) / dayMs + 1
  if (days > maxRangeDays) throw invalid(`The range may span at most ${maxRangeDays} days.`)
  return { from, to }
}

/** The period of equal length that ends the day before `range` starts. */
export function previousRange(range: { from: string; to: string }): { from: string; to: string } {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / dayMs + 1
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) }
}

/**
 * The whole ISO weeks (Monday to Sunday) inside `range`: from its first Monday up to `end`, the
 * Monday after the last (exclusive). None: `from` and `end` are the same day.
 */
export function wholeWeeks(range: { from: string; to: string }): { from: string; end: string } {
  // 0 on a Monday
  const weekday = (date: string) => (new Date(date).getUTCDay() + 6) % 7
  const from = addDays(range.from, (7 - weekday(range.from)) % 7)
  const end = addDays(range.to, 1 - ((weekday(range.to) + 1) % 7))
  return from < end ? { from, end } : { from, end: from }
}
