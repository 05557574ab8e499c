import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { authenticate, viewerOf } from '../middleware/auth'
import { countingQueries } from '../lib/query-count'
import type { RouteDoc } from '../openapi/registry'
import { stats, statsQuery, type Stats, type StatsQuery } from '../schemas/stats'
import { getStats, statsToCsv } from '../services/stats'
import { validate } from '../validate'

/**
 * Runs the stats for the caller. With the QUERY_LOG=1 binding (tests only) the response carries
 * X-Query-Count: the statements the stats themselves ran, leaving out authentication, whose
 * count varies with how recently the key was last used.
 */
async function statsFor(c: Context<AppEnv>, query: StatsQuery): Promise<Stats> {
  const counter = c.var.config.queryLog ? countingQueries(c.var.db) : null
  const result = await getStats(counter?.db ?? c.var.db, viewerOf(c.var.principal), query)
  if (counter) c.header('X-Query-Count', String(counter.count()))
  return result
}

// Mounted at /v1 beside other resources, so middleware goes on each route, never on .use()
export const statsRoutes = new Hono<AppEnv>()
  .get('/stats', authenticate('secret', 'session'), validate('query', statsQuery), async (c) => {
    return c.json(await statsFor(c, c.req.valid('query')))
  })
  .get(
    '/stats.csv',
    authenticate('secret', 'session'),
    validate('query', statsQuery),
    async (c) => {
      const result = await statsFor(c, c.req.valid('query'))
      return c.body(statsToCsv(result), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="followthrough-stats-${result.from}-${result.to}.csv"`,
      })
    },
  )

export const statsDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/stats',
    summary:
      "Send rates for a date range: the agency's totals, a recruiter session's own figures, a breakdown, and the industry baseline",
    auth: ['secret', 'session'],
    tag: 'Stats',
    query: statsQuery,
    success: { status: 200, description: 'The figures.', schema: stats },
  },
  {
    method: 'get',
    path: '/v1/stats.csv',
    summary: 'The same figures as CSV, one row per scope (agency, mine, each group, baseline)',
    auth: ['secret', 'session'],
    tag: 'Stats',
    query: statsQuery,
    success: {
      status: 200,
      description: "A CSV attachment; text cells that start like a formula are prefixed with '.",
      schema: z.string(),
      contentType: 'text/csv',
    },
  },
]
