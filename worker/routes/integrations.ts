import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ApiError, notFound } from '../errors'
import { completeConnection, connectLink } from '../integrations/bullhorn/connect'
import { providers } from '../integrations/providers'
import { signatureHeader } from '../integrations/webhook/signature'
import { agencyIdOf, agencyWideOf } from '../middleware/auth'
import { countFailedAuthentication } from '../middleware/rate-limit'
import { bearer, noCredential, signedDelivery } from '../openapi/credentials'
import { errorResponse, htmlResponse, jsonResponse, quotaExceeded } from '../openapi/responses'
import { renderBullhornConnected } from '../pages/bullhorn-connected'
import { pageHeaders } from '../pages/layout'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import { idPath, uuid } from '../schemas/common'
import {
  connectLink as connectLinkBody,
  createdIntegration,
  createIntegrationBody,
  deliveryBody,
  eventResult,
  integration,
  integrationList,
  oauthCallbackQuery,
} from '../schemas/integration'
import { onceForKey } from '../services/idempotency'
import { receiveDelivery } from '../services/integration-deliveries'
import {
  createIntegration,
  deleteIntegration,
  integrationForDelivery,
  integrationKeyring,
  listIntegrations,
} from '../services/integrations'
import { idempotencyKey, idempotencyKeyParameter } from './idempotency-header'

const integrations = resource('Integrations', bearer('secret'))
const integrationsAreAgencyWide = 'Integrations are for the secret key or a manager session.'

const unconfigured = errorResponse(
  'unavailable: integrations are not configured on this server (INTEGRATION_KEYS).',
)

const create = integrations.post('/', {
  summary:
    "Connect a provider (one integration per provider); the generic webhook's signing secret is shown once",
  parameters: [idempotencyKeyParameter],
  request: { body: jsonBody(createIntegrationBody) },
  responses: {
    201: jsonResponse(createdIntegration, 'The integration; never its credentials.'),
    409: errorResponse('conflict: the agency has an integration of this provider already.'),
    503: unconfigured,
  },
})

const list = integrations.get('/', {
  summary:
    "The agency's integrations with their last event, last error and counts (secret key, manager sessions)",
  ...bearer('secret', 'session'),
  responses: { 200: jsonResponse(integrationList, 'Every integration of the agency.') },
})

const connect = integrations.get('/{id}/connect', {
  summary:
    "Bullhorn: the link to Bullhorn's sign-in page where the agency allows Followthrough; good for 15 minutes (secret key, manager sessions)",
  ...bearer('secret', 'session'),
  request: { params: idPath },
  responses: {
    200: jsonResponse(
      connectLinkBody,
      'Open `url` in a browser; Bullhorn sends the user back to us.',
    ),
    400: errorResponse('validation_failed: not a Bullhorn integration, or Bullhorn refused.'),
    503: errorResponse('unavailable: Bullhorn did not answer, or integrations are not configured.'),
  },
})

const remove = integrations.delete('/{id}', {
  summary: 'Remove an integration: its deliveries are refused from now on (404)',
  request: { params: idPath },
  responses: { 200: jsonResponse(integration, 'The integration as it was.') },
})

/**
 * The integration an event is addressed to, and the provider's signature over the exact body the
 * sender sent (the one place besides Resend's webhook that reads a body raw: re-serialised JSON
 * would not match). An unknown id is a 404, a bad signature a 401, both before the body is read
 * as an event, and both count against the client as a failed credential.
 */
const verifiedDelivery = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const ring = await integrationKeyring(c.var.config)
    const id = c.req.param('id') ?? ''
    const found = uuid.safeParse(id).success
      ? await integrationForDelivery(c.var.db, ring, id)
      : null
    if (!found) {
      await countFailedAuthentication(c)
      throw notFound('Integration')
    }
    const adapter = providers[found.integration.provider]
    const delivery = { header: (name: string) => c.req.header(name), rawBody: await c.req.text() }
    if (!(await adapter.verifyDelivery(found, delivery))) {
      await countFailedAuthentication(c)
      throw new ApiError(
        'unauthorized',
        found.integration.provider === 'webhook'
          ? `The ${signatureHeader} header is missing, does not match the body, or is more than 5 minutes from our clock.`
          : `The delivery is not signed by ${found.integration.provider} with this integration's secret.`,
      )
    }
    c.set('integration', found)
    await next()
  })

const receive = resource('Integration events', signedDelivery(verifiedDelivery())).post(
  '/{id}/events',
  {
    summary:
      "An event from the agency's ATS, signed with the integration's secret (Followthrough-Signature); applied once, in the sender's order",
    request: { params: idPath, body: jsonBody(deliveryBody) },
    responses: {
      200: jsonResponse(
        eventResult,
        'Applied (created, updated, canceled), already received (duplicate), or recorded as ignored with the reason: do not send it again.',
      ),
      401: errorResponse(
        'unauthorized: the signature is missing, wrong, or more than 5 minutes old or ahead.',
      ),
      429: quotaExceeded,
      503: unconfigured,
    },
  },
)

const oauthCallback = resource('Integration events', noCredential).get('/{id}/oauth/callback', {
  summary:
    "Where Bullhorn sends the agency's user back with a code: connects the integration (the state must be the connect link's, unexpired)",
  request: { params: idPath, query: oauthCallbackQuery },
  responses: {
    200: htmlResponse('A page saying Bullhorn is connected.'),
    400: errorResponse(
      "validation_failed: the state is not this integration's or expired, or Bullhorn refused the code.",
    ),
    503: errorResponse('unavailable: Bullhorn did not answer; start again in a moment.'),
  },
})

/** The public origin links back to us use: the configured one, else the request's. */
const publicUrlOf = (c: Context<AppEnv>) => c.var.config.publicUrl ?? new URL(c.req.url).origin

export const integrationsRoutes = apiRoutes()
  .openapi(create, async (c) => {
    const agencyId = agencyIdOf(c.var.principal)
    const input = c.req.valid('json')
    const ring = await integrationKeyring(c.var.config)
    const result = await onceForKey(c.var.db, agencyId, idempotencyKey(c), input, async (trx) => {
      const created = await createIntegration(trx, ring, agencyId, input)
      // the secret is not kept in the stored answer: a replay shows null
      return { status: 201, body: created, replayBody: { ...created, signingSecret: null } }
    })
    return c.json(result.body, result.status as 201)
  })
  .openapi(list, async (c) => {
    const agencyId = agencyWideOf(c.var.principal, integrationsAreAgencyWide)
    return c.json({ data: await listIntegrations(c.var.db, agencyId) })
  })
  .openapi(connect, async (c) => {
    const agencyId = agencyWideOf(c.var.principal, integrationsAreAgencyWide)
    const { id } = c.req.valid('param')
    return c.json(await connectLink(c.var.db, c.var.config, agencyId, id, publicUrlOf(c)), 200)
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await deleteIntegration(c.var.db, agencyIdOf(c.var.principal), id))
  })

export const integrationEventsRoutes = apiRoutes()
  .openapi(receive, async (c) => {
    const delivery = { header: (name: string) => c.req.header(name), rawBody: await c.req.text() }
    const result = await receiveDelivery(c.var.db, c.var, c.var.integration, delivery, {
      requestOrigin: new URL(c.req.url).origin,
    })
    return c.json(result, 200)
  })
  .openapi(oauthCallback, async (c) => {
    const { id } = c.req.valid('param')
    try {
      await completeConnection(c.var.db, c.var.config, id, c.req.valid('query'), publicUrlOf(c))
    } catch (err) {
      // a state not signed here is a guess, counted like a credential that does not work
      const badState = err instanceof ApiError && err.details.some((d) => d.path === 'state')
      if (badState) await countFailedAuthentication(c)
      throw err
    }
    for (const [name, value] of Object.entries(pageHeaders)) c.header(name, value)
    return c.html(renderBullhornConnected(), 200)
  })
