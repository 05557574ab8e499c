import { agencyIdOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoute, apiRoutes } from '../openapi/route'
import { eraseCandidateBody, erasureResult } from '../schemas/interview'
import { eraseCandidate } from '../services/erasure'

const erase = apiRoute({
  method: 'post',
  path: '/erase',
  summary: "Erase a person's name, email and messages everywhere; the agency's counts stay",
  tags: ['Candidates'],
  ...bearer('secret'),
  request: {
    body: { required: true, content: { 'application/json': { schema: eraseCandidateBody } } },
  },
  responses: { 200: jsonResponse(erasureResult, 'How much was erased (0 when unknown).') },
})

export const erasureRoutes = apiRoutes().openapi(erase, async (c) => {
  const { email } = c.req.valid('json')
  return c.json(await eraseCandidate(c.var.db, agencyIdOf(c.var.principal), email))
})
