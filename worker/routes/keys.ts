import { agencyIdOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import { apiKey, createdApiKey, createKeyBody, keyList } from '../schemas/agency'
import { idPath, pageQuery } from '../schemas/common'
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys'
import { onceForKey } from '../services/idempotency'
import { idempotencyKey, idempotencyKeyParameter } from './idempotency-header'

const keys = resource('Keys', bearer('secret'))

const create = keys.post('/', {
  summary: 'Create a secret or publishable key (the key is shown once)',
  parameters: [idempotencyKeyParameter],
  request: { body: jsonBody(createKeyBody) },
  responses: { 201: jsonResponse(createdApiKey, 'The new key, with its secret.') },
})

const list = keys.get('/', {
  summary: "The agency's keys, newest first (secrets are never shown again)",
  request: { query: pageQuery },
  responses: { 200: jsonResponse(keyList, 'A page of keys.') },
})

const revoke = keys.delete('/{id}', {
  summary: 'Revoke a key; the last active secret key cannot be revoked',
  request: { params: idPath },
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
