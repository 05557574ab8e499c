// Wording and arithmetic the page shows both when the server renders it and as the candidate
// types, so the two never disagree. Imported by the page script: keep it free of server code.

/** Long enough to be personal, short enough to read on a phone. */
export const wordTarget = 150

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

/** The [bracketed] parts of a draft, which only the candidate can fill in. */
export function blanksIn(text: string): number {
  return text.match(/\[[^\]\n]*\]/g)?.length ?? 0
}

export function wordsText(words: number): string {
  const counted = words === 1 ? '1 word' : `${words} words`
  return words > wordTarget
    ? `${counted}, a little long: aim for about ${wordTarget}`
    : `${counted} of about ${wordTarget}`
}

export function blanksText(blanks: number): string {
  if (blanks === 0) return 'No [blanks] left.'
  return blanks === 1 ? '1 [blank] left to fill in.' : `${blanks} [blanks] left to fill in.`
}

/** Asked once when "I sent it" is pressed with [blanks] still in the draft. */
export function blanksLeftQuestion(blanks: number): string {
  const which = blanks === 1 ? 'a [blank]' : `${blanks} [blanks]`
  return `This draft still has ${which} in it. Fill them in or delete them; if you sent it anyway, press "I sent it" again.`
}

/** "3 h 20 min left", or null once the window has closed. */
export function timeLeftText(ms: number): string | null {
  if (ms <= 0) return null
  const minutes = Math.max(1, Math.floor(ms / 60_000))
  const hours = Math.floor(minutes / 60)
  return hours > 0 ? `${hours} h ${minutes % 60} min left` : `${minutes} min left`
}

export const windowClosedText = 'The 24 hours have passed, but a note sent today still helps.'

export function progressText(sent: number, total: number): string {
  return `${sent} of ${total} ${total === 1 ? 'note' : 'notes'} marked sent`
}

export const sentText = (sent: boolean) => (sent ? 'Sent ✓' : 'Not sent yet')
export const toggleLabel = (sent: boolean) => (sent ? 'Undo: not sent yet' : 'I sent it')
/** the mark is the page's main action until it is done; its undo is a plain button */
export const toggleClass = (sent: boolean) => (sent ? 'btn' : 'btn main')

/** RFC 6068: every part percent-encoded, line breaks as CRLF. */
export function mailtoHref(to: string, subject: string, body: string): string {
  const address = to.split('@').map(encodeURIComponent).join('@')
  const text = body.replace(/\r?\n/g, '\r\n')
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`
}
