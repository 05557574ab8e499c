import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { agencyIdForBrowser } from '../services/api-keys'
import { countFailedAuthentication } from './rate-limit'

const allowHeaders =
  'Authorization, Content-Type, Idempotency-Key, X-Followthrough-Key, X-Request-Id'
const allowMethods = 'GET, POST, PATCH, DELETE'

/**
 * Browsers reach the API only as the widget: with the agency's publishable key (header, or `key`
 * in the query so a preflight can carry it) from one of the agency's allowed origins. Anything
 * else with an Origin header is refused with no CORS grant. Requests without Origin (servers)
 * pass through untouched.
 */
export const browserAccess = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('browserAgencyId', undefined)
    const origin = c.req.header('origin')
    if (!origin) return next()
    const key = c.req.header('x-followthrough-key') ?? c.req.query('key')
    const agencyId = key ? await agencyIdForBrowser(c.var.db, key, origin) : null
    if (!agencyId) {
      // each refusal cost a lookup, so it counts against the client as a failed credential does
      await countFailedAuthentication(c)
      throw new ApiError(
        'forbidden',
        'This origin may not call the API: send an active publishable key from one of its allowed origins.',
      )
    }
    c.set('browserAgencyId', agencyId)
    if (c.req.method === 'OPTIONS') {
      c.res = new Response(null, { status: 204 })
    } else {
      await next()
    }
    c.header('Access-Control-Allow-Origin', origin)
    c.header('Vary', 'Origin', { append: true })
    c.header('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After')
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Headers', allowHeaders)
      c.header('Access-Control-Allow-Methods', allowMethods)
      c.header('Access-Control-Max-Age', '600')
    }
  })
