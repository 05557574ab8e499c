import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDown, migrateToLatest } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { startLocalWorker } from '../../worker/dev/local-worker'
import { createTestDatabase, type TestDatabase } from '../support/database'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database?.close())

describe('the per-request client in workerd', () => {
  // postgres.js #1203: without the warm-up query in db/client.ts, the first Kysely query of a
  // fresh client in a Worker waits on reserve() forever, and this request never answers.
  it('answers the first query of a brand-new worker and client', async () => {
    const { mf, url } = await startLocalWorker({ bindings: { DATABASE_URL: database.url } })
    try {
      const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(10_000) })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ ok: true, db: 'up' })
    } finally {
      await mf.dispose()
    }
  })

  it('answers 503, not 500 or a hang, when the database is unreachable', async () => {
    const { mf, url } = await startLocalWorker({
      bindings: { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/nothing' },
    })
    try {
      const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(15_000) })
      expect(res.status).toBe(503)
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('unavailable')
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|postgres:|ECONNREFUSED/)
    } finally {
      await mf.dispose()
    }
  })
})

describe('migrations', () => {
  it('go all the way down and up again', async () => {
    const names = Object.keys(migrations)
    for (let i = 0; i < names.length; i++) await migrateDown(database.db)
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_%'`.execute(database.db)
    expect(rows[0]?.n).toBe(0)
    await migrateToLatest(database.db)
    const again = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_%'`.execute(database.db)
    expect(again.rows[0]?.n).toBeGreaterThan(0)
  })

  it('are named in date order, with up and down', () => {
    const names = Object.keys(migrations)
    expect(names).toEqual([...names].sort())
    for (const [name, migration] of Object.entries(migrations)) {
      expect(name).toMatch(/^\d{4}_\d{2}_\d{2}_\d{6}_[a-z_]+$/)
      expect(migration.down).toBeTypeOf('function')
    }
  })
})
