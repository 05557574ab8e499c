import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { authenticate, secretKeyOf } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { createdSession, createSessionBody } from '../schemas/session'
import { mintSession } from '../services/sessions'
import { validate } from '../validate'

export const sessionsRoutes = new Hono<AppEnv>().post(
  '/',
  authenticate('secret'),
  validate('json', createSessionBody),
  async (c) => {
    const session = await mintSession(
      c.var.db,
      c.var.config.sessionSecret,
      secretKeyOf(c.var.principal),
      c.req.valid('json'),
    )
    return c.json(session, 201)
  },
)

export const sessionsDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/sessions',
    summary:
      'Mint a recruiter session (at most an hour) for the widget; upserts the recruiter. The session ends early if the key that minted it is revoked, the role changes or the recruiter is signed out',
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
