import { z } from 'zod'
import { email, language, line, paragraph, phoneNumber, timeZone } from './common'
import { interviewLimits } from './interview-limits'

export { interviewLimits }

export const interviewFormat = z.enum(['video', 'phone', 'onsite'])

export const interviewerInput = z.strictObject({
  name: line(120),
  title: line(120).optional(),
  email: email.optional(),
})

/** The interview's record in another system: one interview per reference and agency. */
export const externalRef = z.strictObject({
  system: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_.-]{0,39}$/,
      'Use 1 to 40 lower-case letters, digits, ".", "_" or "-", such as "bullhorn".',
    ),
  id: line(200),
})
export type ExternalRef = z.infer<typeof externalRef>

/** What can be changed of an interview while its coaching email has not gone. */
const schedule = {
  roleTitle: line(160),
  clientCompany: line(160),
  startsAt: z.iso.datetime({ offset: true, message: 'Must be an ISO-8601 date and time.' }),
  durationMinutes: z.number().int().min(interviewLimits.minMinutes).max(interviewLimits.maxMinutes),
  format: interviewFormat,
  interviewers: z
    .array(interviewerInput)
    .min(1, 'List at least one interviewer.')
    .max(10, 'At most 10 interviewers.'),
  talkingPoints: paragraph(2000).optional(),
}

/** Who the coaching is for; what is left out comes from the agency (language, time zone). */
export const candidateInput = z.strictObject({
  name: line(120),
  email,
  /** what they go by, when not the first word of their name ("Sam" for "Samantha Rivera") */
  preferredName: line(60).optional(),
  /** the guide, emails and page; default the agency's defaultLanguage */
  language: language.optional(),
  /** the emails give the deadline in it; default the agency's */
  timeZone: timeZone.optional(),
  /** texts go here, only with smsConsent and the agency's texts on */
  phone: phoneNumber.optional(),
  /** true only when the agency recorded that the candidate agreed to get texts; default false */
  smsConsent: z.boolean().optional(),
})

export const createInterviewBody = z.strictObject({
  candidate: candidateInput,
  ...schedule,
  /** the drafts' language: the one the interview was held in; default the agency's */
  noteLanguage: language.optional(),
  /** with a secret key: which recruiter logged it (known from a session) */
  recruiterExternalId: line(128).optional(),
  externalRef: externalRef.optional(),
})
export type CreateInterviewInput = z.infer<typeof createInterviewBody>

export const updateInterviewBody = z
  .strictObject({ ...schedule, talkingPoints: paragraph(2000).nullable() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.')
export type UpdateInterviewInput = z.infer<typeof updateInterviewBody>

export const emailStatus = z.enum([
  'queued',
  'sent',
  'captured',
  'delivered',
  'bounced',
  'failed',
  'suppressed',
])
export const textStatus = z.enum([
  'queued',
  'sent',
  'captured',
  'delivered',
  'undelivered',
  'failed',
  'skipped',
  'canceled',
])
export const reminderStatus = z.enum(['scheduled', 'sent', 'captured', 'skipped', 'failed', 'none'])

/** Where the candidate got after the interview; hired implies an offer, an offer implies advanced. */
export const interviewOutcome = z.enum(['advanced', 'offer', 'hired', 'rejected', 'withdrawn'])
export type InterviewOutcome = z.infer<typeof interviewOutcome>

export const outcomeBody = z.strictObject({
  stage: interviewOutcome,
  /** when it happened; default now. An older report than the one recorded changes nothing. */
  at: z.iso.datetime({ offset: true, message: 'Must be an ISO-8601 date and time.' }).optional(),
})

export const interviewStatus = z.enum([
  'scheduled',
  'awaiting_notes',
  'notes_sent',
  'all_notes_sent',
  'not_emailed',
  'canceled',
])

export const interview = z.object({
  id: z.uuid(),
  recruiterId: z.uuid().nullable(),
  /** who logged it; null when logged with a secret key and no recruiter */
  recruiter: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** null once the candidate's data was erased */
  candidate: z
    .object({
      name: z.string(),
      email: z.string(),
      preferredName: z.string().nullable(),
      language,
      timeZone: z.string().nullable(),
    })
    .nullable(),
  /** the language of the drafts */
  noteLanguage: language,
  roleTitle: z.string(),
  clientCompany: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  format: interviewFormat,
  talkingPoints: z.string().nullable(),
  interviewers: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      email: z.string().nullable(),
      noteSentAt: z.iso.datetime().nullable(),
    }),
  ),
  externalRef: z.object({ system: z.string(), id: z.string() }).nullable(),
  canceledAt: z.iso.datetime().nullable(),
  outcome: z.object({ stage: interviewOutcome, recordedAt: z.iso.datetime() }).nullable(),
  /** the "notes sent" note going back to the ATS the interview came from; null: none */
  writeBack: z
    .object({
      /** pending: waiting for the marks to rest, or being retried; failed: the ATS refused */
      state: z.enum(['pending', 'written', 'failed']),
      writtenAt: z.iso.datetime().nullable(),
      /** why the last attempt did not write it */
      error: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime().nullable(),
  coaching: z.object({
    status: interviewStatus,
    email: emailStatus,
    emailAttempts: z.number().int(),
    emailError: z.string().nullable(),
    emailSentAt: z.iso.datetime().nullable(),
    /** when the coaching email still to go is due (the interview's end, plus the agency's delay) */
    emailDueAt: z.iso.datetime().nullable(),
    pageOpenedAt: z.iso.datetime().nullable(),
    notesSent: z.number().int(),
    notesTotal: z.number().int(),
    /** 24 hours after the interview's end */
    deadline: z.iso.datetime(),
    reminder: reminderStatus,
    unsubscribed: z.boolean(),
    /** the coaching text beside the email; null: none was queued (no consent, texts off) */
    text: z
      .object({
        status: textStatus,
        sentAt: z.iso.datetime().nullable(),
        /** why it failed or was not sent */
        error: z.string().nullable(),
      })
      .nullable(),
  }),
})
export type Interview = z.infer<typeof interview>

export const interviewListQuery = z.strictObject({
  recruiterId: z.uuid().optional(),
  clientCompany: z.string().max(160).optional(),
  status: interviewStatus.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  externalSystem: externalRef.shape.system.optional(),
  externalId: z.string().max(200).optional(),
  /** part of the candidate's name or the client's, any case */
  q: z.string().trim().max(100, 'At most 100 characters.').optional(),
  /** newest logged first (default), or the latest interview time first */
  order: z.enum(['created_at', 'starts_at']).default('created_at'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
})
export type InterviewListQuery = z.infer<typeof interviewListQuery>

/** The list's filters, for an export of every match. */
export const interviewExportQuery = interviewListQuery.omit({
  cursor: true,
  limit: true,
  order: true,
})

export const interviewList = z.object({
  data: z.array(interview),
  nextCursor: z.string().nullable(),
  /** whose interviews the caller may list: the whole agency's, or only the recruiter's own */
  scope: z.enum(['agency', 'own']),
})

export const eraseCandidateBody = z.strictObject({ email })
export const erasureResult = z.object({
  candidatesErased: z.number().int(),
  interviews: z.number().int(),
})
