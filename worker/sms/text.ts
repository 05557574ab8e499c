import type { TextKind } from '../../db/schema'
import { linkTokenLength, linkTokenSlot } from '../services/coaching-links'
import { countSegments, isGsm7 } from './segments'

// The wording of the texts. A text only nudges (COACHING.md): who it is from, that a short note to
// each interviewer helps, the link to the candidate's page, and how to stop texts. It must fit one
// segment, so the agency's name is what gives way when the whole would not.

export type TextLanguage = 'en'

type Wording = (agencyName: string, link: string) => string

/** Each language's texts; one place, so a catalog can take them over. */
const wordings: Record<TextLanguage, Record<TextKind, Wording>> = {
  en: {
    coaching: (agency, link) =>
      `${agency}: a short thank-you to each interviewer helps: ${link} Reply STOP to opt out`,
    reminder: (agency, link) =>
      `${agency}: still time to thank your interviewers: ${link} Reply STOP to opt out`,
  },
}

/** letters that carry no separable accent, spelled as GSM-7 can */
const plainLetters: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' }

/** The name as GSM-7 can carry it: accents dropped where that makes it fit, other signs left out. */
function gsmName(name: string): string {
  const folded = [...name]
    .map((char) =>
      isGsm7(char) ? char : (plainLetters[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '')),
    )
    .filter((char) => isGsm7(char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
  return folded || 'Your recruiter'
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
  language: TextLanguage,
  agencyName: string,
  link: string,
): string {
  const wording = wordings[language][kind]
  const name = gsmName(agencyName)
  for (let length = name.length; length >= 4; length--) {
    const shortened = length === name.length ? name : `${name.slice(0, length - 3).trimEnd()}...`
    const body = wording(shortened, link)
    if (segmentsOfText(body) <= 1) return body
  }
  return wording(name.slice(0, 4), link)
}
