import { createMiddleware } from 'hono/factory'
import { createDb } from '../../db/client'
import { configOf, ConfigError } from '../config'
import { mailerFor } from '../email/mailer'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { countingQueries } from '../lib/query-count'

/**
 * The checked configuration, then the per-request services on `c.var`: one database client per
 * request (a Worker may not reuse I/O objects across requests) and the mailer. The client
 * connects on first use and is closed once the response is on its way and the work the request
 * left to finish after it (an immediate send) has settled: one connection per request, never two.
 * A configuration problem answers 503 on every route; the log names the setting. With the
 * QUERY_LOG=1 test binding every response carries X-Query-Count: the statements its route ran,
 * leaving out authentication's, whose count varies with how recently the key was last used.
 */
export const services = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    let config
    try {
      config = configOf(c.env)
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      throw new ApiError(
        'unavailable',
        'The service is not configured correctly; its operator has been told.',
        [],
        { 'Retry-After': '60' },
      )
    }
    c.set('config', config)
    c.set('mailer', mailerFor(config.email))
    const db = createDb(config.databaseUrl)
    // tests only: the response says how many statements the route itself ran
    const counter = config.queryLog ? countingQueries(db) : null
    c.set('db', counter?.db ?? db)
    c.set('queriesBeforeRoute', () => counter?.count() ?? 0)
    const pending: Promise<unknown>[] = []
    c.set('afterResponse', (work) => {
      pending.push(
        work(db).catch((err) => console.error(`[${c.var.requestId}] after response`, err)),
      )
    })
    try {
      await next()
      if (counter) {
        const ownWork = counter.count() - (c.var.queriesOfAuthentication ?? 0)
        c.header('X-Query-Count', String(ownWork))
      }
    } finally {
      c.executionCtx.waitUntil(Promise.allSettled(pending).then(() => db.destroy()))
    }
  })
