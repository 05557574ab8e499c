import { interviewLimits } from '../../worker/schemas/interview-limits'

const { minMinutes, maxMinutes, latestPastDays, furthestAheadDays } = interviewLimits

/**
 * What the log form tells the user when a value needs a fix, in one place so that a `locale`
 * option can replace it. Keys are the API's field paths (any interviewer's as
 * `interviewers.*.name`); a key with a last part after the path (`startsAt.old`) is one reason of
 * several for that field. The API's own wording never reaches the user: a path without its own
 * entry (one the form's controls cannot get wrong) gets `other`.
 */
export const formText: Record<string, string> = {
  'candidate.name': "Enter the candidate's name.",
  'candidate.email': 'Enter an email such as ana@example.com.',
  roleTitle: 'Enter the role.',
  clientCompany: 'Enter the client.',
  startsAt: 'Enter when it started.',
  'startsAt.old': `Over ${latestPastDays} days ago: too late for notes.`,
  'startsAt.ahead': `Over ${furthestAheadDays} days ahead.`,
  durationMinutes: `Enter ${minMinutes} to ${maxMinutes} minutes.`,
  'interviewers.*.name': 'Enter a name, or remove this interviewer.',
  'interviewers.*.email': 'Enter an email such as tom@example.com, or none.',
  summary: 'Some details need a fix before the email can go out.',
  other: 'Check this value.',
}

/** The notice for an interview logged after its note window closed; `days` is at least 1. */
export const lateNotice = (days: number) =>
  `Logged late: it ended ${days} day${days > 1 ? 's' : ''} ago, past the 24-hour window for notes. The email still goes; a late note beats none.`
