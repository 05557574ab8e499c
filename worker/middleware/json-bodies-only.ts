import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'

const jsonType = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

/** A write that carries a body must say it is JSON; an empty body needs no Content-Type. */
export const jsonBodiesOnly = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const length = c.req.header('content-length')
    const hasBody =
      (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined
    if (hasBody && ['POST', 'PATCH', 'PUT'].includes(c.req.method)) {
      if (!jsonType.test(c.req.header('content-type') ?? '')) {
        throw new ApiError(
          'unsupported_media_type',
          'Send the body as JSON with Content-Type: application/json.',
        )
      }
    }
    await next()
  })
