import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { developmentOnly } from '../middleware/development-only'
import {
  demoPortalCsp,
  demoRecruiters,
  portalCss,
  portalScript,
  renderDemoPortal,
  type DemoRole,
} from '../pages/demo-portal'
import { findActiveApiKey } from '../services/api-keys'
import { mintSession } from '../services/sessions'

const roleOf = (as: string | undefined): DemoRole => (as === 'recruiter' ? 'recruiter' : 'manager')

/**
 * Local development only: a fake agency portal with the widget embedded (`/demo`, or
 * `/demo?as=recruiter`), and the portal's backend route that mints the widget's session, doing
 * what an agency's backend does with `POST /v1/sessions`.
 */
export const demoRoutes = new Hono<AppEnv>()
  .use(developmentOnly(), async (c, next) => {
    if (!c.var.config.demo)
      throw new ApiError(
        'not_found',
        'The demo portal needs the DEMO_SECRET_KEY and DEMO_PUBLISHABLE_KEY bindings; `npm start` sets them.',
      )
    c.header('Cache-Control', 'no-store')
    c.header('X-Content-Type-Options', 'nosniff')
    await next()
  })
  .get('/', (c) => {
    c.header('Content-Security-Policy', demoPortalCsp)
    c.header('Referrer-Policy', 'no-referrer')
    return c.html(renderDemoPortal(c.var.config.demo!.publishableKey, roleOf(c.req.query('as'))))
  })
  .get('/portal.js', (c) =>
    c.body(portalScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  )
  .get('/portal.css', (c) => c.body(portalCss, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  .post('/session', async (c) => {
    const key = await findActiveApiKey(c.var.db, c.var.config.demo!.secretKey)
    if (key?.kind !== 'secret')
      throw new ApiError('not_found', 'The demo secret key is not active.')
    const { token } = await mintSession(
      c.var.db,
      c.var.config.sessionSecret,
      { agencyId: key.agency_id, keyId: key.id },
      { recruiter: demoRecruiters[roleOf(c.req.query('as'))], ttlSeconds: 3600 },
    )
    return c.text(token)
  })
