import { wallClock } from '../lib/wall-clock'
import type { NoteToWrite } from './adapter'

// The note an ATS record gets once the candidate marks thank-you notes sent: who was thanked and
// when, in the agency's time zone, plain text every ATS shows as it is. Its last line names the
// interview, so a write whose answer was lost is found again instead of written twice.

export interface WriteBackFacts {
  interviewId: string
  roleTitle: string
  clientCompany: string
  startsAt: Date
  timeZone: string
  thanked: NoteToWrite['thanked']
}

/** The line only this interview's note carries. */
export const markerOf = (interviewId: string) => `Followthrough ref: ${interviewId}`

export function writeBackText(facts: WriteBackFacts): string {
  const when = (at: Date) => {
    const { date, time } = wallClock(facts.timeZone, at)
    return `${date} ${time}`
  }
  const sent = facts.thanked.filter((person) => person.sentAt)
  const lines = [
    `Thank-you notes after the ${facts.roleTitle} interview at ${facts.clientCompany} ` +
      `(${wallClock(facts.timeZone, facts.startsAt).date}): ` +
      `${sent.length} of ${facts.thanked.length} marked sent by the candidate.`,
    ...facts.thanked.map((person) => {
      const who = person.title ? `${person.name} (${person.title})` : person.name
      return person.sentAt ? `- ${who}: sent ${when(person.sentAt)}` : `- ${who}: not yet`
    }),
    `Times in ${facts.timeZone}.`,
    markerOf(facts.interviewId),
  ]
  return lines.join('\n')
}
