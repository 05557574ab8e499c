import { words } from './strings'

const whenOptions: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
}
let dateTime = new Intl.DateTimeFormat(undefined, whenOptions)

/** Dates in the host's `locale` (a BCP 47 tag); one the browser does not know is left out. */
export function setLocale(locale: string) {
  try {
    dateTime = new Intl.DateTimeFormat(locale, whenOptions)
    calendarDay = new Intl.DateTimeFormat(locale, dayOptions)
  } catch {
    console.error('Followthrough: unknown locale', locale)
  }
}

export const formatWhen = (iso: string) => dateTime.format(new Date(iso))

/** what the rates are over: coached interviews whose note window closed, or that have a note */
export const decidedOf = (f: { coached: number; inWindow: number }) => f.coached - f.inWindow

export const percent = (rate: number | null | undefined) =>
  rate == null ? '–' : `${Math.round(rate * 100)}%`

/** The value of a datetime-local input for `date`, in the browser's time zone. */
export function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}

/** "Priya", "Priya and Tom", "Priya, Tom and Ana" */
export function listNames(names: string[]): string {
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} ${words().and} ${names[names.length - 1]}`
}

export const firstName = (name: string) => name.split(/\s+/)[0] ?? name

const dayOptions: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
}
let calendarDay = new Intl.DateTimeFormat(undefined, dayOptions)
const dayOf = (date: string) => new Date(`${date}T00:00:00Z`)

/** two ISO calendar dates as one range: "1 – 30 Nov 2026" */
export const formatDays = (from: string, to: string) =>
  calendarDay.formatRange(dayOf(from), dayOf(to))
