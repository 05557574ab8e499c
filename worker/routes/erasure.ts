import { agencyIdOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import { eraseCandidateBody, erasureResult } from '../schemas/interview'
import { eraseCandidate } from '../services/erasure'

const erase = resource('Candidates', bearer('secret')).post('/erase', {
  summary: "Erase a person's name, email and messages everywhere; the agency's counts stay",
  request: { body: jsonBody(eraseCandidateBody) },
  responses: { 200: jsonResponse(erasureResult, 'How much was erased (0 when unknown).') },
})

export const erasureRoutes = apiRoutes().openapi(erase, async (c) => {
  const { email } = c.req.valid('json')
  return c.json(await eraseCandidate(c.var.db, agencyIdOf(c.var.principal), email))
})
