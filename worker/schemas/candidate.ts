import { z } from 'zod'

export const candidateEventBody = z.strictObject({
  type: z.enum(['copied', 'mail_opened', 'sent', 'unsent']),
  interviewerId: z.uuid().optional(),
})

export const noteState = z.object({
  interviewers: z.array(z.object({ id: z.uuid(), noteSentAt: z.iso.datetime().nullable() })),
  notesSent: z.number().int(),
  notesTotal: z.number().int(),
})

export type CandidateEventInput = z.infer<typeof candidateEventBody>
export type NoteState = z.infer<typeof noteState>
