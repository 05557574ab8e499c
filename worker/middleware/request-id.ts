import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

const acceptable = /^[A-Za-z0-9._-]{8,64}$/

/** Every response carries X-Request-Id: the caller's own if it is sane, else a new one. */
export const requestId = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id')
    const id = incoming && acceptable.test(incoming) ? incoming : crypto.randomUUID()
    c.set('requestId', id)
    await next()
    c.header('X-Request-Id', id)
  })
