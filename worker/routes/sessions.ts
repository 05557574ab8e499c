import { secretKeyOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoute, apiRoutes } from '../openapi/route'
import { createdSession, createSessionBody } from '../schemas/session'
import { mintSession } from '../services/sessions'

const mint = apiRoute({
  method: 'post',
  path: '/',
  summary:
    'Mint a recruiter session (at most an hour) for the widget; upserts the recruiter. The session ends early if the key that minted it is revoked, the role changes or the recruiter is signed out',
  tags: ['Sessions'],
  ...bearer('secret'),
  request: {
    body: { required: true, content: { 'application/json': { schema: createSessionBody } } },
  },
  responses: { 201: jsonResponse(createdSession, 'The session token and the recruiter.') },
})

export const sessionsRoutes = apiRoutes().openapi(mint, async (c) => {
  const session = await mintSession(
    c.var.db,
    c.var.config.sessionSecret,
    secretKeyOf(c.var.principal),
    c.req.valid('json'),
  )
  return c.json(session, 201)
})
