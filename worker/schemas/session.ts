import { z } from 'zod'
import { email, line } from './common'

export const recruiterRole = z.enum(['recruiter', 'manager'])

/** the agency's own id for the recruiter */
const externalId = line(128)

export const createSessionBody = z.strictObject({
  recruiter: z.strictObject({
    externalId,
    name: line(120),
    email: email.optional(),
    role: recruiterRole.default('recruiter'),
  }),
  ttlSeconds: z.number().int().min(60).max(3600).default(3600),
})

export const signOutBody = z.strictObject({ externalId })

export const recruiter = z.object({
  id: z.uuid(),
  externalId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: recruiterRole,
})

export const recruiterList = z.object({
  /** every recruiter the agency has had a session for, by name */
  data: z.array(recruiter),
})

export const createdSession = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  recruiter,
})

export type RecruiterRole = z.infer<typeof recruiterRole>
export type Recruiter = z.infer<typeof recruiter>
export type CreateSessionInput = z.infer<typeof createSessionBody>
