import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

const drainLimitBytes = 1024 * 1024

/**
 * workerd drops a keep-alive connection whose request body was never read, so a client reusing
 * it after, say, a 401 gets ECONNRESET on its next request. Reading what is left (up to a limit)
 * keeps the connection usable.
 */
export const drainBody = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next()
    const body = c.req.raw.body
    if (!body || c.req.raw.bodyUsed || body.locked) return
    const reader = body.getReader()
    try {
      let read = 0
      while (read <= drainLimitBytes) {
        const { done, value } = await reader.read()
        if (done) return
        read += value.byteLength
      }
      await reader.cancel()
    } catch {
      // the client went away: nothing to keep
    }
  })
