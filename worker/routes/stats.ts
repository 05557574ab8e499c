import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { agencyIdOf, viewerOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, resource } from '../openapi/route'
import { stats as statsSchema, statsQuery, type Stats, type StatsQuery } from '../schemas/stats'
import { getStats } from '../services/stats'
import { recruiterExternalIds } from '../services/recruiters'
import { statsToCsv } from '../services/stats-csv'

/** Runs the stats for the caller. */
const statsFor = (c: Context<AppEnv>, query: StatsQuery): Promise<Stats> =>
  getStats(c.var.db, viewerOf(c.var.principal), query)

const stats = resource('Stats', bearer('secret', 'session'))

const figures = stats.get('/', {
  summary:
    "Send rates for a date range: the agency's totals, a recruiter session's own figures, a breakdown, and the industry baseline",
  request: { query: statsQuery },
  responses: { 200: jsonResponse(statsSchema, 'The figures.') },
})

const figuresAsCsv = stats.get('/', {
  summary: 'The same figures as CSV, one row per scope (agency, mine, each group, baseline)',
  request: { query: statsQuery },
  responses: {
    200: {
      description: "A CSV attachment; text cells that start like a formula are prefixed with '.",
      content: { 'text/csv': { schema: z.string() } },
    },
  },
})

/** /v1/stats */
export const statsRoutes = apiRoutes().openapi(figures, async (c) => {
  return c.json(await statsFor(c, c.req.valid('query')))
})

/** /v1/stats.csv: the same figures, downloaded */
export const statsCsvRoutes = apiRoutes().openapi(figuresAsCsv, async (c) => {
  const result = await statsFor(c, c.req.valid('query'))
  // read only when the file names recruiters
  const recruiterIds =
    (result.breakdowns.recruiter?.length ?? 0) > 0
      ? await recruiterExternalIds(c.var.db, agencyIdOf(c.var.principal))
      : new Map<string, string>()
  return c.body(statsToCsv(result, recruiterIds), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="followthrough-stats-${result.from}-${result.to}.csv"`,
  })
})
