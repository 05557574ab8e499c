import { notFound } from '../errors'
import { agencyIdOf, secretKeyOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import { createdSession, createSessionBody, recruiter, signOutBody } from '../schemas/session'
import { signOutRecruiter } from '../services/recruiters'
import { mintSession } from '../services/sessions'

/** A recruiter's widget sessions: the agency's backend starts them, and can end them all. */
const sessions = resource('Sessions', bearer('secret'))

const mint = sessions.post('/', {
  summary:
    'Mint a recruiter session (at most an hour) for the widget; upserts the recruiter. The session ends early if the key that minted it is revoked, the role changes or the recruiter is signed out',
  request: { body: jsonBody(createSessionBody) },
  responses: { 201: jsonResponse(createdSession, 'The session token and the recruiter.') },
})

const signOut = sessions.post('/sign-out', {
  summary:
    "End every session of a recruiter at once, by the agency's externalId (a new session may be minted after)",
  request: { body: jsonBody(signOutBody) },
  responses: { 200: jsonResponse(recruiter, 'The recruiter, signed out.') },
})

/** /v1/sessions */
export const sessionsRoutes = apiRoutes().openapi(mint, async (c) => {
  const session = await mintSession(
    c.var.db,
    c.var.config.sessionSecret,
    secretKeyOf(c.var.principal),
    c.req.valid('json'),
  )
  return c.json(session, 201)
})

/** /v1/recruiters/sign-out */
export const recruitersRoutes = apiRoutes().openapi(signOut, async (c) => {
  const { externalId } = c.req.valid('json')
  const signedOut = await signOutRecruiter(c.var.db, agencyIdOf(c.var.principal), externalId)
  if (!signedOut) throw notFound('Recruiter')
  return c.json(signedOut)
})
