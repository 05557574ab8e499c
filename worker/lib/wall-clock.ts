import { dateTimeFormat } from './intl'

/**
 * What a clock on the wall reads at `instant` in `timeZone` (one Intl knows): the local date as
 * YYYY-MM-DD and the time as HH:MI, 00:00 to 23:59.
 */
export function wallClock(timeZone: string, instant: Date): { date: string; time: string } {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  }
}

/** Minutes after midnight of a time of day written HH:MI. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return hours! * 60 + minutes!
}

/** A time of day, given as minutes after midnight, written HH:MI. */
export function clockTimeOf(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}
