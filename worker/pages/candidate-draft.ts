import { clip, firstName, oneLine } from '../email/format'
import { fill } from '../i18n/catalog'
import type { Language } from '../i18n/catalog'
import type { Messages } from '../i18n/en'

export type DraftWords = Messages['draft']

export interface DraftInput {
  interviewerName: string
  /** the interviewer's place in the list */
  index: number
  /** the language the interview was held in: the draft's */
  language: Language
  roleTitle: string
  clientCompany: string
  talkingPoints: string | null
  candidateName: string | null
}

/** One point from the recruiter's notes, turned into a hint that fits mid-sentence. */
function hintFrom(talkingPoints: string | null, index: number, language: Language) {
  const points = (talkingPoints ?? '')
    .split(/[;\n•]|\.\s/)
    .map((p) => oneLine(p).replace(/[.!]+$/, ''))
    .filter((p) => p.length > 3)
  const point = points[index % Math.max(points.length, 1)]
  if (!point) return null
  // lower-case a capital only when it starts an ordinary word, so "dbt" or "AWS" stay as written;
  // German capitalises every noun, so there a capital stays
  const ordinary = language !== 'de' && /^\p{Lu}\p{Ll}/u.test(point)
  const hint = ordinary ? point[0]!.toLowerCase() + point.slice(1) : point
  return clip(hint, 80)
}

/**
 * The note the page starts from, in the language the interview was held in: everything the
 * recruiter logged filled in, and [bracketed] blanks for what only the candidate knows, so it
 * cannot go out as a form letter unnoticed.
 */
export function draftNote(input: DraftInput, words: DraftWords): string {
  const name = firstName(input.interviewerName)
  const role = oneLine(input.roleTitle)
  const company = oneLine(input.clientCompany)
  const hint = hintFrom(input.talkingPoints, input.index, input.language)
  const { openings, closings } = words
  // each interviewer's note opens and closes a little differently
  const variant = input.index % openings.length
  const topic = hint ? fill(words.topicWithHint, { name, hint }) : fill(words.topic, { name })
  return [
    fill(words.greeting, { name }),
    `${fill(openings[variant]!, { role, company })} ${fill(words.enjoyed, { topic })}`,
    fill(words.keen, { company }),
    words.optional,
    closings[variant % closings.length]!,
    `${words.signOff}\n${input.candidateName ? oneLine(input.candidateName) : words.yourName}`,
  ].join('\n\n')
}

/** What the mail app opens with, depending on who receives the note. */
export function mailSubject(
  words: DraftWords,
  routing: 'direct' | 'via_recruiter',
  interviewerName: string,
  roleTitle: string,
  clientCompany: string,
): string {
  return routing === 'direct'
    ? fill(words.subjectDirect, { role: oneLine(roleTitle) })
    : fill(words.subjectViaRecruiter, {
        name: oneLine(interviewerName),
        company: oneLine(clientCompany),
      })
}

/** The line a recruiter reads first when a note comes to them to pass on. */
export function recruiterIntro(
  words: DraftWords,
  recruiterName: string | null,
  interviewerName: string,
): string {
  const greeting = recruiterName
    ? fill(words.recruiterGreeting, { name: firstName(recruiterName) })
    : words.recruiterGreetingNoName
  const ask = fill(words.recruiterAsk, { name: oneLine(interviewerName) })
  return `${greeting}\n\n${ask}\n\n---\n\n`
}
