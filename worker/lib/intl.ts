/**
 * Intl's formatters, each made once per locale and options and kept for the isolate's life.
 * Making one loads the locale's and the zone's data and costs far more than using it: on the
 * candidate page, building them per call took about a tenth of the worker's time per request
 * (`npm run bench`'s profile). The keys are few (languages × agencies' zones × a handful of
 * option sets); the store is emptied if it ever grows past `most`, rather than grow without end.
 */
const kept = new Map<string, Intl.DateTimeFormat | Intl.PluralRules>()
const most = 1_000

function keep<T extends Intl.DateTimeFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let found = kept.get(key) as T | undefined
  if (!found) {
    found = make()
    if (kept.size >= most) kept.clear()
    kept.set(key, found)
  }
  return found
}

/** `new Intl.DateTimeFormat(locale, options)`, made once; throws as it would (an unknown zone) */
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  keep(JSON.stringify([locale, options]), () => new Intl.DateTimeFormat(locale, options))

/** `new Intl.PluralRules(locale)`, made once */
export const pluralRules = (locale: string) =>
  keep(`plural ${locale}`, () => new Intl.PluralRules(locale))

/** Whether Intl knows a time zone by this name (a name it does not know is never kept). */
export function knowsTimeZone(timeZone: string): boolean {
  try {
    dateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}
