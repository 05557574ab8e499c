import type { TextKind } from '../../db/schema'
import { linkTokenLength, linkTokenSlot } from '../services/coaching-links'
import { fill } from '../i18n/catalog'
import { messagesFor, type Language } from '../i18n'
import { countSegments, isGsm7 } from './segments'

// The texts, in the candidate's language (the catalogs' `sms`). A text only nudges (COACHING.md):
// who it is from, that a short note to each interviewer helps, the link to the candidate's page,
// and how to stop texts. It must fit one segment, so the agency's name is what gives way when the
// whole would not.

/** letters that carry no separable accent, spelled as GSM-7 can */
const plainLetters: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' }

/**
 * Text as GSM-7 can carry it: a letter outside the alphabet loses its accent ("á" → "a", "ł" →
 * "l"), as texts in Spanish or Polish are commonly written, since one UCS-2 segment (70
 * characters) could not hold the link; other signs are left out.
 */
function inGsm7(text: string): string {
  return [...text]
    .map((char) =>
      isGsm7(char) ? char : (plainLetters[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '')),
    )
    .filter((char) => isGsm7(char))
    .join('')
    .replace(/[^\S\n]+/g, ' ')
    .trim()
}

/** The text as long as it will be once the link's token stands in its slot. */
function asSent(body: string): string {
  return body.replaceAll(linkTokenSlot, 'x'.repeat(linkTokenLength))
}

/** The segments a stored text will take when it is sent. */
export function segmentsOfText(body: string): number {
  return countSegments(asSent(body)).segments
}

/**
 * The text of `kind` from the agency to the candidate, in one segment wherever the link leaves
 * room: the agency's name is shortened (to no less than a few letters) when the whole would not
 * fit. `link` may hold the link token's slot; it is measured as the token.
 */
export function composeText(
  kind: TextKind,
  language: Language,
  agencyName: string,
  link: string,
): string {
  const words = messagesFor(language).sms
  const wording = (agency: string, url: string) => inGsm7(fill(words[kind], { agency, link: url }))
  const name = inGsm7(agencyName) || inGsm7(words.unnamedSender)
  for (let length = name.length; length >= 4; length--) {
    const shortened = length === name.length ? name : `${name.slice(0, length - 3).trimEnd()}...`
    const body = wording(shortened, link)
    if (segmentsOfText(body) <= 1) return body
  }
  return wording(name.slice(0, 4), link)
}
