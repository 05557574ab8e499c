import { z } from 'zod'
import { agencyIdOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoute, apiRoutes } from '../openapi/route'
import { apiKey, createdApiKey, createKeyBody, keyList } from '../schemas/agency'
import { pageQuery } from '../schemas/common'
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys'
import { onceForKey } from '../services/idempotency'
import { ignoringKeyParam } from '../validate'
import { idempotencyKey, idempotencyKeyParameter } from './idempotency-header'

const keyParams = z.object({ id: z.uuid() })
const tags = ['Keys']

const create = apiRoute({
  method: 'post',
  path: '/',
  summary: 'Create a secret or publishable key (the key is shown once)',
  tags,
  ...bearer('secret'),
  parameters: [idempotencyKeyParameter],
  request: {
    body: { required: true, content: { 'application/json': { schema: createKeyBody } } },
  },
  responses: { 201: jsonResponse(createdApiKey, 'The new key, with its secret.') },
})

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: "The agency's keys, newest first (secrets are never shown again)",
  tags,
  ...bearer('secret'),
  request: { query: ignoringKeyParam(pageQuery) },
  responses: { 200: jsonResponse(keyList, 'A page of keys.') },
})

const revoke = apiRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Revoke a key; the last active secret key cannot be revoked',
  tags,
  ...bearer('secret'),
  request: { params: keyParams },
  responses: { 200: jsonResponse(apiKey, 'The revoked key.') },
})

export const keysRoutes = apiRoutes()
  .openapi(create, async (c) => {
    const agencyId = agencyIdOf(c.var.principal)
    const input = c.req.valid('json')
    const result = await onceForKey(c.var.db, agencyId, idempotencyKey(c), input, async (trx) => {
      const created = await createApiKey(trx, agencyId, input)
      return { status: 201, body: created, replayBody: { ...created, key: null } }
    })
    return c.json(result.body, result.status as 201)
  })
  .openapi(list, async (c) => {
    return c.json(await listApiKeys(c.var.db, agencyIdOf(c.var.principal), c.req.valid('query')))
  })
  .openapi(revoke, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await revokeApiKey(c.var.db, agencyIdOf(c.var.principal), id))
  })
