import { createMiddleware } from 'hono/factory'
import { createDb } from '../../db/client'
import { connectionString, type AppEnv } from '../env'
import { ApiError } from '../errors'

/**
 * One database client per request (a Worker may not reuse I/O objects across requests). The
 * client connects on first use and is closed once the response is on its way and the work the
 * request left to finish after it (an immediate send) has settled: one connection per request,
 * never two.
 */
export const database = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const url = connectionString(c.env)
    if (!url) throw new ApiError('unavailable', 'The service is not configured with a database.')
    const db = createDb(url)
    c.set('db', db)
    const pending: Promise<unknown>[] = []
    c.set('afterResponse', (work) => {
      pending.push(
        work(db).catch((err) => console.error(`[${c.var.requestId}] after response`, err)),
      )
    })
    try {
      await next()
    } finally {
      c.executionCtx.waitUntil(Promise.allSettled(pending).then(() => db.destroy()))
    }
  })
