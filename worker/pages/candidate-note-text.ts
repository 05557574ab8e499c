// Wording and arithmetic the page shows both when the server renders it and as the candidate
// types, so the two never disagree. Imported by the page script, which gets its words from the
// page (data-words): keep it free of server code and of the catalogs themselves.
import { fill, pluralText } from '../i18n/catalog'
import type { Messages } from '../i18n/en'

/** The words the page's script needs, in the page's language. */
export type LiveWords = Pick<Messages, 'meta' | 'time' | 'live'>

export function liveWords(m: Messages): LiveWords {
  return { meta: m.meta, time: m.time, live: m.live }
}

/** Long enough to be personal, short enough to read on a phone. */
export const wordTarget = 150

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

/** The [bracketed] parts of a draft, which only the candidate can fill in. */
export function blanksIn(text: string): number {
  return text.match(/\[[^\]\n]*\]/g)?.length ?? 0
}

export function wordsText(w: LiveWords, words: number): string {
  const forms = words > wordTarget ? w.live.wordsLong : w.live.words
  return pluralText(w.meta.locale, forms, words, { target: wordTarget })
}

export function blanksText(w: LiveWords, blanks: number): string {
  return blanks === 0 ? w.live.noBlanks : pluralText(w.meta.locale, w.live.blanks, blanks)
}

/** Asked once when "I sent it" is pressed with [blanks] still in the draft. */
export function blanksLeftQuestion(w: LiveWords, blanks: number): string {
  return pluralText(w.meta.locale, w.live.blanksQuestion, blanks, { button: w.live.markSent })
}

/** "3 h 20 min left", or null once the window has closed. */
export function timeLeftText(w: LiveWords, ms: number): string | null {
  if (ms <= 0) return null
  const minutes = Math.max(1, Math.floor(ms / 60_000))
  const hours = Math.floor(minutes / 60)
  return hours > 0
    ? fill(w.time.countdownHours, { hours, minutes: minutes % 60 })
    : fill(w.time.countdownMinutes, { minutes })
}

export function progressText(w: LiveWords, sent: number, total: number): string {
  return pluralText(w.meta.locale, w.live.progress, total, { sent })
}

export const sentText = (w: LiveWords, sent: boolean) => (sent ? w.live.sent : w.live.notSent)
export const toggleLabel = (w: LiveWords, sent: boolean) => (sent ? w.live.undo : w.live.markSent)
/** the mark is the page's main action until it is done; its undo is a plain button */
export const toggleClass = (sent: boolean) => (sent ? 'btn' : 'btn main')

/** RFC 6068: every part percent-encoded, line breaks as CRLF. */
export function mailtoHref(to: string, subject: string, body: string): string {
  const address = to.split('@').map(encodeURIComponent).join('@')
  const text = body.replace(/\r?\n/g, '\r\n')
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`
}
