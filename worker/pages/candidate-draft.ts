import { clip, firstName, oneLine } from '../email/format'

export interface DraftInput {
  interviewerName: string
  /** the interviewer's place in the list, so each note opens and closes a little differently */
  index: number
  roleTitle: string
  clientCompany: string
  talkingPoints: string | null
  candidateName: string | null
}

/** One point from the recruiter's notes, turned into a hint that fits mid-sentence. */
function hintFrom(talkingPoints: string | null, index: number): string | null {
  const points = (talkingPoints ?? '')
    .split(/[;\n•]|\.\s/)
    .map((p) => oneLine(p).replace(/[.!]+$/, ''))
    .filter((p) => p.length > 3)
  const point = points[index % Math.max(points.length, 1)]
  if (!point) return null
  // lower-case a capital only when it starts an ordinary word, so "dbt" or "AWS" stay as written
  const hint = /^[A-Z][a-z]/.test(point) ? point[0]!.toLowerCase() + point.slice(1) : point
  return clip(hint, 80)
}

const openings = [
  (role: string, company: string) =>
    `Thank you for taking the time to talk with me about the ${role} role at ${company}.`,
  (role: string, company: string) =>
    `Thank you for meeting with me to discuss the ${role} position at ${company}.`,
  (role: string, company: string) =>
    `I appreciated the chance to speak with you about the ${role} role at ${company}.`,
]

const closings = [
  'I look forward to hearing about the next steps.',
  'Thank you again for your time; I hope to hear from you about the next steps.',
  'Thanks again, and I look forward to hearing from you.',
]

/**
 * The note the page starts from: everything the recruiter logged filled in, and [bracketed]
 * blanks for what only the candidate knows, so it cannot go out as a form letter unnoticed.
 */
export function draftNote(input: DraftInput): string {
  const name = firstName(input.interviewerName)
  const role = oneLine(input.roleTitle)
  const company = oneLine(input.clientCompany)
  const hint = hintFrom(input.talkingPoints, input.index)
  const variant = input.index % openings.length
  const topic = hint
    ? `[something you and ${name} discussed, e.g. ${hint}]`
    : `[something you and ${name} discussed]`
  return [
    `Dear ${name},`,
    `${openings[variant]!(role, company)} I especially enjoyed talking about ${topic}.`,
    `Our conversation made me even more keen on the role. [One or two sentences on what you would bring to ${company}.]`,
    '[Optional: something you forgot to mention in the interview.]',
    closings[variant]!,
    `Best regards,\n${input.candidateName ? oneLine(input.candidateName) : '[Your name]'}`,
  ].join('\n\n')
}

/** What the mail app opens with, depending on who receives the note. */
export function mailSubject(
  routing: 'direct' | 'via_recruiter',
  interviewerName: string,
  roleTitle: string,
  clientCompany: string,
): string {
  return routing === 'direct'
    ? `Thank you: ${oneLine(roleTitle)} interview`
    : `Thank-you note for ${oneLine(interviewerName)} (${oneLine(clientCompany)})`
}

/** The line a recruiter reads first when a note comes to them to pass on. */
export function recruiterIntro(recruiterName: string | null, interviewerName: string): string {
  const greeting = recruiterName ? `Hi ${firstName(recruiterName)},` : 'Hi,'
  return `${greeting}\n\nCould you please pass this thank-you note on to ${oneLine(interviewerName)}? Thank you!\n\n---\n\n`
}
