import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import { createdAgency, createAgencyBody } from '../schemas/agency'
import { createAgency } from '../services/agencies'
import { onceForKey } from '../services/idempotency'
import { idempotencyKey, idempotencyKeyParameter } from './idempotency-header'

const create = resource('Agencies', bearer('admin')).post('/', {
  summary: 'Create an agency with its first secret and publishable keys (shown once)',
  parameters: [idempotencyKeyParameter],
  request: { body: jsonBody(createAgencyBody) },
  responses: { 201: jsonResponse(createdAgency, 'The agency and its keys.') },
})

export const agenciesRoutes = apiRoutes().openapi(create, async (c) => {
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
})
