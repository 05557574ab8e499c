const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
})

export const formatWhen = (iso: string) => dateTime.format(new Date(iso))

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
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

export const firstName = (name: string) => name.split(/\s+/)[0] ?? name

/** An interview still to take place (and not canceled). */
export const isUpcoming = (i: { startsAt: string; canceledAt: string | null }) =>
  !i.canceledAt && Date.parse(i.startsAt) > Date.now()
