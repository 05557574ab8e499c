import { z } from 'zod'

const calendarDate = z.iso.date({ message: 'Must be a calendar date such as 2026-11-22.' })

export const statsGroupBy = z.enum(['recruiter', 'client', 'week'])

export const statsQuery = z.strictObject({
  from: calendarDate
    .optional()
    .describe("First day, inclusive, in the agency's time zone; default 29 days before `to`."),
  to: calendarDate
    .optional()
    .describe("Last day, inclusive, in the agency's time zone; default today. At most 366 days."),
  groupBy: z
    .string()
    .regex(
      /^(recruiter|client|week)(,(recruiter|client|week)){0,2}$/,
      'Must be recruiter, client or week, or several of them separated by commas.',
    )
    .optional()
    .describe(
      'Break the figures down: one of recruiter, client, week, or several (e.g. week,client,recruiter), all from one pass over the interviews. A recruiter session may not group by recruiter: asked alone it is refused (403), beside others it is left out.',
    ),
  compare: z
    .literal('previous', { message: 'Must be previous.' })
    .optional()
    .describe(
      "previous: also give the totals (and a recruiter session's own figures) of the period of equal length just before the range, in `previous`, so a dashboard shows the change in one request.",
    ),
})

const count = z.number().int().min(0)
const rate = z.number().min(0).max(1).nullable()

export const statsFigures = z.object({
  interviews: count.describe('Interviews that started in the range.'),
  coached: count.describe(
    'Of those, interviews whose coaching email went out and neither bounced nor drew a complaint.',
  ),
  funnel: z
    .object({
      delivered: count,
      pageOpened: count,
      draftCopiedOrMailOpened: count,
      sent: count.describe('At least one note marked sent.'),
    })
    .describe('Coached interviews that reached each step (each counted on its own).'),
  onTime: count.describe("Coached interviews with a note sent within 24 h of the interview's end."),
  fullCoverage: count.describe('Coached interviews where every interviewer was thanked.'),
  inWindow: count.describe(
    'Coached interviews with no note sent yet whose 24-hour window is still open: neither a send nor a miss yet, so the rates leave them out.',
  ),
  texts: z
    .object({
      sent: count.describe('Twilio took the text (or it was captured), whatever came after.'),
      delivered: count.describe('Twilio reported it delivered.'),
      failed: count.describe('Twilio refused it, or reported it undelivered.'),
    })
    .describe(
      "Interviews by their coaching text (SMS), beside the email's figures: counted over every interview in range, coached or not. A text still waiting, skipped or canceled counts nowhere.",
    ),
  sendRate: rate.describe(
    'funnel.sent / (coached − inWindow): over the decided interviews (window closed, or a note sent), 4 decimals; null when none is decided.',
  ),
  onTimeRate: rate.describe('onTime / (coached − inWindow).'),
  fullCoverageRate: rate.describe('fullCoverage / (coached − inWindow).'),
  medianHoursToFirstNote: z
    .number()
    .nullable()
    .describe("From the interview's end to its first note, over coached interviews with a note."),
})

export const statsGroup = statsFigures.extend({
  /** recruiter id, client company as logged, or the Monday that starts the week */
  key: z.string().nullable().describe('Recruiter id (null: no recruiter), client, or Monday.'),
  label: z.string().describe('Recruiter name, client, or ISO week such as 2026-W47.'),
})

const outcomeCounts = z.object({
  interviews: count.describe('Coached interviews on this side.'),
  withOutcome: count.describe('Of those, interviews with an outcome recorded.'),
  advanced: count.describe('Advanced, got an offer or were hired.'),
  offer: count.describe('Got an offer or were hired.'),
  hired: count,
})

export const stats = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  groupBy: statsGroupBy.nullable().describe('The first breakdown asked for; null: none.'),
  totals: statsFigures.describe('The whole agency.'),
  mine: statsFigures.nullable().describe("A recruiter session's own figures; otherwise null."),
  groups: z
    .array(statsGroup)
    .describe(
      "The first breakdown's groups; a recruiter session's groups hold only its own interviews.",
    ),
  breakdowns: z
    .partialRecord(statsGroupBy, z.array(statsGroup))
    .describe('Every breakdown asked for, by name (the first is also `groups`).'),
  outcomes: z
    .object({ withNote: outcomeCounts, withoutNote: outcomeCounts })
    .describe(
      "The agency's coached interviews with a note sent and without (their window over: one still in it may yet get its note), and where their candidates got. Outcomes are associated with notes, not caused by them.",
    ),
  baseline: z.object({ sendRate: z.number(), source: z.string() }),
  previous: z
    .object({
      from: z.iso.date(),
      to: z.iso.date(),
      totals: statsFigures,
      mine: statsFigures.nullable(),
    })
    .nullable()
    .describe(
      "With compare=previous: the period of equal length that ends the day before `from`, its totals and a recruiter session's own figures; otherwise null.",
    ),
})

export type StatsQuery = z.infer<typeof statsQuery>
export type StatsGroupBy = z.infer<typeof statsGroupBy>
export type StatsFigures = z.infer<typeof statsFigures>
export type Stats = z.infer<typeof stats>
