import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { agencyIdOf, authenticate } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { eraseCandidateBody, erasureResult } from '../schemas/interview'
import { eraseCandidate } from '../services/erasure'
import { validate } from '../validate'

export const erasureRoutes = new Hono<AppEnv>().post(
  '/erase',
  authenticate('secret'),
  validate('json', eraseCandidateBody),
  async (c) => {
    const { email } = c.req.valid('json')
    return c.json(await eraseCandidate(c.var.db, agencyIdOf(c.var.principal), email))
  },
)

export const erasureDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/candidates/erase',
    summary: "Erase a person's name, email and messages everywhere; the agency's counts stay",
    auth: ['secret'],
    tag: 'Candidates',
    body: eraseCandidateBody,
    success: {
      status: 200,
      description: 'How much was erased (0 when unknown).',
      schema: erasureResult,
    },
  },
]
