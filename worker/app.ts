import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env'
import { ApiError, type ErrorCode } from './errors'
import { isRetryableConflict } from './lib/transaction'
import { bodyLimits, limitBody } from './middleware/body-limit'
import { browserAccess } from './middleware/browser-access'
import { drainBody } from './middleware/drain-body'
import { jsonBodiesOnly } from './middleware/json-bodies-only'
import { limitPerClient, limitPerLink, refuseGuessingClients } from './middleware/rate-limit'
import { requestId } from './middleware/request-id'
import { services } from './middleware/services'
import { bearerScheme } from './openapi/credentials'
import { openApiDocument } from './openapi/document'
import { renderHome } from './pages/home'
import { pageHeaders } from './pages/layout'
import { agenciesRoutes } from './routes/agencies'
import { agencyRoutes } from './routes/agency'
import { candidatePageRoutes } from './routes/candidate-page'
import { demoRoutes } from './routes/demo'
import { devMailboxRoutes } from './routes/dev-mailbox'
import { erasureRoutes } from './routes/erasure'
import { healthRoutes } from './routes/health'
import { integrationEventsRoutes, integrationsRoutes } from './routes/integrations'
import { interviewsCsvRoutes, interviewsRoutes } from './routes/interviews'
import { keysRoutes } from './routes/keys'
import { recruitersRoutes, sessionsRoutes } from './routes/sessions'
import { statsCsvRoutes, statsRoutes } from './routes/stats'
import { unsubscribeRoutes } from './routes/unsubscribe'
import { webhooksRoutes } from './routes/webhooks'

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
])

// the server is full, shutting down or starting up: the same request will work in a moment
const retryLater = new Set(['53300', '57P01', '57P02', '57P03'])

// workerd's sockets fail without a code, so their messages are matched too
const socketFailure =
  /cannot connect to the specified address|network connection lost|socket.*closed/i

function isDatabaseUnavailable(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  if (typeof message === 'string' && socketFailure.test(message)) return true
  if (typeof code !== 'string') return false
  return connectionErrorCodes.has(code) || code.startsWith('08') || retryLater.has(code)
}

function errorResponse(
  code: ErrorCode,
  message: string,
  requestId: string,
  details: ApiError['details'] = [],
) {
  return { error: { code, message, ...(details.length ? { details } : {}), requestId } }
}

export function createApp() {
  const app = new OpenAPIHono<AppEnv>()

  app.use(requestId())
  app.use(drainBody())
  // /v1 counts each credential once it is known (authenticate); a credential or link that does
  // not work counts against the client, which is refused for a minute past its limit
  app.use('/v1/*', refuseGuessingClients())
  app.use('/c/*', refuseGuessingClients(), limitPerLink())
  app.use('/u/*', refuseGuessingClients(), limitPerLink())
  app.use('/health', limitPerClient())
  app.use('/openapi.json', limitPerClient())
  app.use('/webhooks/*', limitPerClient())
  // an ATS may send a burst of events: its deliveries are limited by their signatures (a client
  // whose signatures fail is refused like one guessing credentials), not per client
  app.use('/integrations/*', refuseGuessingClients())
  app.use('/integrations/*', limitBody(bodyLimits.webhook))
  app.use('/c/*', limitBody(bodyLimits.link))
  app.use('/webhooks/*', limitBody(bodyLimits.webhook))
  app.use('/v1/*', limitBody(bodyLimits.api))
  app.use('/v1/*', jsonBodiesOnly())
  app.use('*', services())
  app.use('/v1/*', browserAccess())

  app.route('/', healthRoutes)
  app.route('/v1/agencies', agenciesRoutes)
  app.route('/v1/agency', agencyRoutes)
  app.route('/v1/keys', keysRoutes)
  app.route('/v1/sessions', sessionsRoutes)
  app.route('/v1/recruiters', recruitersRoutes)
  app.route('/v1/interviews', interviewsRoutes)
  app.route('/v1/interviews.csv', interviewsCsvRoutes)
  app.route('/v1/candidates', erasureRoutes)
  app.route('/v1/integrations', integrationsRoutes)
  app.route('/v1/stats', statsRoutes)
  app.route('/v1/stats.csv', statsCsvRoutes)
  app.route('/c', candidatePageRoutes)
  app.route('/u', unsubscribeRoutes)
  app.route('/webhooks', webhooksRoutes)
  app.route('/integrations', integrationEventsRoutes)
  app.route('/dev', devMailboxRoutes)
  app.route('/demo', demoRoutes)

  // the document of the routes mounted above, built once per app
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', bearerScheme)
  let document: ReturnType<typeof openApiDocument> | undefined
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(app, c.var.config.publicUrl)
    c.header('Access-Control-Allow-Origin', '*')
    return c.json(document)
  })

  // the first address `npm start` prints: where to go from here, not a JSON 404
  app.get('/', (c) => {
    for (const [name, value] of Object.entries(pageHeaders)) c.header(name, value)
    return c.html(renderHome({ development: c.var.config.environment === 'development' }))
  })

  app.notFound((c) =>
    c.json(
      errorResponse('not_found', `No route for ${c.req.method} ${c.req.path}.`, c.var.requestId),
      404,
    ),
  )

  app.onError((err, c) => {
    const id = c.var.requestId ?? crypto.randomUUID()
    if (err instanceof ApiError) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value)
      return c.json(errorResponse(err.code, err.message, id, err.details), err.status)
    }
    if (err instanceof HTTPException && err.status === 400) {
      return c.json(errorResponse('validation_failed', 'The body is not valid JSON.', id), 400)
    }
    // a route refuses a body of another media type than the one it declares
    if (err instanceof HTTPException && err.status === 415) {
      return c.json(
        errorResponse(
          'unsupported_media_type',
          'Send the body with the Content-Type this route takes (see /openapi.json).',
          id,
        ),
        415,
      )
    }
    // a conflict that outlived its retries, or a database out of reach: the same request works
    // again shortly
    const busy = isRetryableConflict(err)
    if (busy || isDatabaseUnavailable(err)) {
      console.error(`[${id}] ${busy ? 'transaction conflict' : 'database unavailable'}`, err)
      c.header('Retry-After', busy ? '1' : '5')
      const message = busy
        ? 'The service is busy; try again in a moment.'
        : 'The service is briefly unavailable; try again shortly.'
      return c.json(errorResponse('unavailable', message, id), 503)
    }
    console.error(`[${id}] unhandled error`, err)
    return c.json(errorResponse('internal', 'Something went wrong on our side.', id), 500)
  })

  return app
}

export type App = ReturnType<typeof createApp>
