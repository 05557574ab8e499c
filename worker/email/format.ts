import { dateTimeFormat, knowsTimeZone } from '../lib/intl'
import { fill, pluralText } from '../i18n/catalog'
import type { Messages } from '../i18n/en'

// Values are validated where they enter the API, but a template is the last step before text
// reaches an inbox, so it re-checks what could break the email: headers, links and colours.

const lineBreaksAndControls = /[\p{Cc}\p{Zl}\p{Zp}]+/gu
const hexColor = /^#[0-9a-f]{6}$/i

/** One line of plain text: control characters and line breaks become spaces. */
export function oneLine(value: string): string {
  return value.replace(lineBreaksAndControls, ' ').replace(/\s+/g, ' ').trim()
}

/** Shortens to `max` characters, ending with an ellipsis when something was cut. */
export function clip(value: string, max: number): string {
  const chars = Array.from(value)
  if (chars.length <= max) return value
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`
}

/** The URL if it is http(s), else null; `javascript:` and friends never reach an href or src. */
export function httpUrl(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null
  const url = new URL(value)
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
}

export function safeColor(value: string, fallback: string): string {
  return hexColor.test(value) ? value : fallback
}

const darkText = '#1a1a1a'
const darkTextLuminance = 0.0103

/**
 * Dark or white text, whichever has the higher WCAG contrast on the #rrggbb background, so a
 * mid-tone brand colour (#3b82f6: white reaches only 3.7:1) gets dark text instead.
 */
export function textColorOn(background: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(background.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  const onWhite = 1.05 / (luminance + 0.05)
  const onDark = (luminance + 0.05) / (darkTextLuminance + 0.05)
  return onDark > onWhite ? darkText : '#ffffff'
}

const validTimeZone = (timeZone: string) => (knowsTimeZone(timeZone) ? timeZone : 'UTC')

/**
 * How a note or an email greets someone: "Priya" for "Priya Natarajan", "Dr. Ruiz" for
 * "Dr. Ines Ruiz".
 */
export function firstName(name: string): string {
  const words = oneLine(name).split(' ')
  const first = words[0] ?? ''
  return first.endsWith('.') && words.length > 1 ? `${first} ${words.at(-1)}` : first
}

/** What dates and times are written with: a catalog's locale and time words. */
export type TimeWords = Pick<Messages, 'meta' | 'time'>

/**
 * The deadline as the candidate would say it, in their language and the given time zone:
 * "3:30 PM on Tuesday, 24 November (London time)", "martes, 24 de noviembre a las 15:30 (…)".
 */
export function formatDeadline(deadline: Date, timeZone: string, words: TimeWords): string {
  const zone = validTimeZone(timeZone)
  const { locale } = words.meta
  const dateParts = dateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).formatToParts(deadline)
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    dateParts.find((p) => p.type === type)?.value ?? ''
  const date = fill(words.time.date, {
    weekday: part('weekday'),
    day: part('day'),
    month: part('month'),
  })
  // newer ICU puts a narrow no-break space before AM/PM, which plain-text mail shows oddly
  const time = dateTimeFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' })
    .format(deadline)
    .replace(/\u202f/g, ' ')
  return fill(words.time.deadline, { time, date, zone: zoneLabel(deadline, zone, words) })
}

/**
 * A city reads more naturally than an abbreviation in English ("London time"); other languages
 * use their own names for the zone ("hora de Reino Unido"). UTC and Etc/ zones keep a short name.
 */
function zoneLabel(at: Date, zone: string, words: TimeWords): string {
  const city = zone.includes('/') && !zone.startsWith('Etc/') ? zone.split('/').pop() : undefined
  if (city && words.time.cityZone)
    return fill(words.time.cityZone, { city: city.replaceAll('_', ' ') })
  const style = city ? 'longGeneric' : 'short'
  const name = dateTimeFormat(words.meta.locale, { timeZone: zone, timeZoneName: style })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value
  return name ?? zone
}

/** "about 5 hours", "less than an hour", or null once the deadline has passed. */
export function timeLeft(deadline: Date, now: Date, words: TimeWords): string | null {
  const ms = deadline.getTime() - now.getTime()
  if (ms <= 0) return null
  if (ms < 3_600_000) return words.time.underAnHour
  return pluralText(words.meta.locale, words.time.hoursLeft, Math.round(ms / 3_600_000))
}
