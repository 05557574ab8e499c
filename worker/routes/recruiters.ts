import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { notFound } from '../errors'
import { agencyIdOf, authenticate } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { recruiter, signOutBody } from '../schemas/session'
import { signOutRecruiter } from '../services/recruiters'
import { validate } from '../validate'

export const recruitersRoutes = new Hono<AppEnv>().post(
  '/sign-out',
  authenticate('secret'),
  validate('json', signOutBody),
  async (c) => {
    const { externalId } = c.req.valid('json')
    const signedOut = await signOutRecruiter(c.var.db, agencyIdOf(c.var.principal), externalId)
    if (!signedOut) throw notFound('Recruiter')
    return c.json(signedOut)
  },
)

export const recruitersDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/recruiters/sign-out',
    summary:
      "End every session of a recruiter at once, by the agency's externalId (a new session may be minted after)",
    auth: ['secret'],
    tag: 'Sessions',
    body: signOutBody,
    success: { status: 200, description: 'The recruiter, signed out.', schema: recruiter },
  },
]
