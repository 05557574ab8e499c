import { z } from 'zod'
import { paragraph } from './common'

export const candidateEventBody = z.strictObject({
  type: z.enum(['copied', 'mail_opened', 'sent', 'unsent']),
  interviewerId: z.uuid().optional(),
})

export const noteState = z.object({
  interviewers: z.array(z.object({ id: z.uuid(), noteSentAt: z.iso.datetime().nullable() })),
  notesSent: z.number().int(),
  notesTotal: z.number().int(),
})

/** Many times the length a note should be, so only a mistake or an abuse reaches it. */
export const maxDraftChars = 5000

const draftText = paragraph(maxDraftChars)

/** A candidate link's path. The token is judged by the link service, so any string passes here. */
export const linkPath = z.object({
  token: z
    .string()
    .describe(
      "The candidate's link token, from their coaching email. It is the whole credential: no Authorization header is sent, and unknown, expired and erased links all answer 404.",
    ),
})

/** The path of one interviewer's note; a malformed id is a 404, like an unknown one. */
export const notePath = linkPath.extend({ interviewerId: z.uuid() })

/** A candidate page's query: the language its own text is shown in (the drafts keep theirs). */
export const linkQuery = z.object({
  lang: z
    .string()
    .optional()
    .describe(
      "The page in another of en, es, fr, de, pt, pl, as its language switch links; anything else shows the candidate's language.",
    ),
})

/** A page rendered on the server, as candidate links answer in a browser. */
export const htmlPage = z.string()

/** The page's autosave: `PUT /c/:token/drafts/:interviewerId`. */
export const draftBody = z.strictObject({ body: draftText })

export const savedDraft = z.object({ interviewerId: z.uuid(), updatedAt: z.iso.datetime() })

/** The page's form without JavaScript: save the draft, and mark the note sent or not. */
export const noteForm = z.strictObject({
  action: z.enum(['save', 'sent', 'unsent']),
  body: draftText.optional(),
})

export type CandidateEventInput = z.infer<typeof candidateEventBody>
export type NoteState = z.infer<typeof noteState>
