import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { agencyIdOf, authenticate } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { createdSession, createSessionBody } from '../schemas/session'
import { upsertRecruiter } from '../services/recruiters'
import { signSession } from '../services/sessions'
import { validate } from '../validate'

export const sessionsRoutes = new Hono<AppEnv>().post(
  '/',
  authenticate('secret'),
  validate('json', createSessionBody),
  async (c) => {
    const agencyId = agencyIdOf(c.var.principal)
    const input = c.req.valid('json')
    const recruiter = await upsertRecruiter(c.var.db, agencyId, input.recruiter)
    const exp = Math.floor(Date.now() / 1000) + input.ttlSeconds
    const token = await signSession(c.var.config.sessionSecret, {
      agencyId,
      recruiterId: recruiter.id,
      role: recruiter.role,
      exp,
    })
    return c.json({ token, expiresAt: new Date(exp * 1000).toISOString(), recruiter }, 201)
  },
)

export const sessionsDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/sessions',
    summary: 'Mint a recruiter session (at most an hour) for the widget; upserts the recruiter',
    auth: ['secret'],
    tag: 'Sessions',
    body: createSessionBody,
    success: {
      status: 201,
      description: 'The session token and the recruiter.',
      schema: createdSession,
    },
  },
]
