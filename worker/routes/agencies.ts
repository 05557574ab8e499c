import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { authenticate } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { createdAgency, createAgencyBody } from '../schemas/agency'
import { createAgency } from '../services/agencies'
import { onceForKey } from '../services/idempotency'
import { idempotencyKey } from './idempotency-header'
import { validate } from '../validate'

export const agenciesRoutes = new Hono<AppEnv>().post(
  '/',
  authenticate('admin'),
  validate('json', createAgencyBody),
  async (c) => {
    const input = c.req.valid('json')
    const result = await onceForKey(c.var.db, 'admin', idempotencyKey(c), input, async (trx) => {
      const created = await createAgency(trx, input)
      return {
        status: 201,
        body: created,
        replayBody: {
          ...created,
          secretKey: { ...created.secretKey, key: null },
          publishableKey: { ...created.publishableKey, key: null },
        },
      }
    })
    return c.json(result.body, result.status as 201)
  },
)

export const agenciesDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/agencies',
    summary: 'Create an agency with its first secret and publishable keys (shown once)',
    auth: ['admin'],
    tag: 'Agencies',
    body: createAgencyBody,
    idempotent: true,
    success: { status: 201, description: 'The agency and its keys.', schema: createdAgency },
  },
]
