import { notFound } from '../errors'
import { agencyIdOf, agencyWideOf, secretKeyOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import {
  createdSession,
  createSessionBody,
  recruiter,
  recruiterList,
  signOutBody,
} from '../schemas/session'
import { listRecruiters, signOutRecruiter } from '../services/recruiters'
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

const recruiters = resource('Sessions', bearer('secret', 'session'))

const list = recruiters.get('/', {
  summary:
    "The agency's recruiters by name, at most 1,000 (the secret key or a manager session): what the widget's recruiter filter offers",
  responses: { 200: jsonResponse(recruiterList, 'The recruiters.') },
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

/** /v1/recruiters */
export const recruitersRoutes = apiRoutes()
  .openapi(list, async (c) => {
    const agencyId = agencyWideOf(
      c.var.principal,
      "A recruiter session sees its own interviews, not the agency's recruiters.",
    )
    return c.json(await listRecruiters(c.var.db, agencyId))
  })
  .openapi(signOut, async (c) => {
    const { externalId } = c.req.valid('json')
    const signedOut = await signOutRecruiter(c.var.db, agencyIdOf(c.var.principal), externalId)
    if (!signedOut) throw notFound('Recruiter')
    return c.json(signedOut)
  })
