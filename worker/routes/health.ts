import { Hono } from 'hono'
import { sql } from 'kysely'
import { z } from 'zod'
import type { AppEnv } from '../env'
import type { RouteDoc } from '../openapi/registry'

export const healthRoutes = new Hono<AppEnv>().get('/health', async (c) => {
  await sql`select 1`.execute(c.var.db)
  return c.json({ ok: true as const, db: 'up' as const })
})

export const healthDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness and database check',
    auth: [],
    tag: 'Operations',
    success: {
      status: 200,
      description: 'The worker is up and reached the database.',
      schema: z.object({ ok: z.literal(true), db: z.literal('up') }),
    },
  },
]
