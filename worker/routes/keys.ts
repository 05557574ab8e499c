import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { agencyIdOf, authenticate } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { apiKey, createdApiKey, createKeyBody, keyList } from '../schemas/agency'
import { pageQuery } from '../schemas/common'
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys'
import { onceForKey } from '../services/idempotency'
import { validate } from '../validate'
import { idempotencyKey } from './idempotency-header'

const keyParams = z.object({ id: z.uuid() })

export const keysRoutes = new Hono<AppEnv>()
  .use(authenticate('secret'))
  .post('/', validate('json', createKeyBody), async (c) => {
    const agencyId = agencyIdOf(c.var.principal)
    const input = c.req.valid('json')
    const result = await onceForKey(c.var.db, agencyId, idempotencyKey(c), input, async (trx) => {
      const created = await createApiKey(trx, agencyId, input)
      return { status: 201, body: created, replayBody: { ...created, key: null } }
    })
    return c.json(result.body, result.status as 201)
  })
  .get('/', validate('query', pageQuery), async (c) => {
    return c.json(await listApiKeys(c.var.db, agencyIdOf(c.var.principal), c.req.valid('query')))
  })
  .delete('/:id', validate('param', keyParams), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await revokeApiKey(c.var.db, agencyIdOf(c.var.principal), id))
  })

export const keysDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/keys',
    summary: 'Create a secret or publishable key (the key is shown once)',
    auth: ['secret'],
    tag: 'Keys',
    body: createKeyBody,
    idempotent: true,
    success: { status: 201, description: 'The new key, with its secret.', schema: createdApiKey },
  },
  {
    method: 'get',
    path: '/v1/keys',
    summary: "The agency's keys, newest first (secrets are never shown again)",
    auth: ['secret'],
    tag: 'Keys',
    query: pageQuery,
    success: { status: 200, description: 'A page of keys.', schema: keyList },
  },
  {
    method: 'delete',
    path: '/v1/keys/:id',
    summary: 'Revoke a key; the last active secret key cannot be revoked',
    auth: ['secret'],
    tag: 'Keys',
    params: keyParams,
    success: { status: 200, description: 'The revoked key.', schema: apiKey },
  },
]
