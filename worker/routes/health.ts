import { sql } from 'kysely'
import { z } from 'zod'
import { noCredential } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, resource } from '../openapi/route'

const health = resource('Operations', noCredential).get('/health', {
  summary: 'Liveness and database check',
  responses: {
    200: jsonResponse(
      z.object({ ok: z.literal(true), db: z.literal('up') }),
      'The worker is up and reached the database.',
    ),
  },
})

export const healthRoutes = apiRoutes().openapi(health, async (c) => {
  await sql`select 1`.execute(c.var.db)
  return c.json({ ok: true as const, db: 'up' as const })
})
