import { minutesOf, wallClock } from '../lib/wall-clock'

/** The time zone a candidate's waking hours are read in: their own if given, else the agency's. */
export function candidateTimeZone(zones: { candidate?: string | null; agency: string }): string {
  return zones.candidate ?? zones.agency
}

/**
 * When the quiet hours that `now` falls in end, or null when it is outside them. Hours are
 * minutes after local midnight; a start after the end spans midnight (21:00 to 08:00), and a
 * start equal to the end means no quiet hours. Across a change of the clocks the end may be an
 * hour off; the outbox checks again when the text comes due.
 */
export function quietUntil(
  now: Date,
  timeZone: string,
  quiet: { start: number; end: number },
): Date | null {
  const { start, end } = quiet
  if (start === end) return null
  const minute = minutesOf(wallClock(timeZone, now).time)
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end
  if (!inside) return null
  const wait = (end - minute + 1440) % 1440
  const startOfMinute = now.getTime() - (now.getTime() % 60_000)
  return new Date(startOfMinute + wait * 60_000)
}
