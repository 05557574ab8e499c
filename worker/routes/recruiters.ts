import { notFound } from '../errors'
import { agencyIdOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoute, apiRoutes } from '../openapi/route'
import { recruiter, signOutBody } from '../schemas/session'
import { signOutRecruiter } from '../services/recruiters'

const signOut = apiRoute({
  method: 'post',
  path: '/sign-out',
  summary:
    "End every session of a recruiter at once, by the agency's externalId (a new session may be minted after)",
  tags: ['Sessions'],
  ...bearer('secret'),
  request: {
    body: { required: true, content: { 'application/json': { schema: signOutBody } } },
  },
  responses: { 200: jsonResponse(recruiter, 'The recruiter, signed out.') },
})

export const recruitersRoutes = apiRoutes().openapi(signOut, async (c) => {
  const { externalId } = c.req.valid('json')
  const signedOut = await signOutRecruiter(c.var.db, agencyIdOf(c.var.principal), externalId)
  if (!signedOut) throw notFound('Recruiter')
  return c.json(signedOut)
})
