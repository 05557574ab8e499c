import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/client'
import { migrateDown, migrateToLatest } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { startLocalWorker } from '../../worker/dev/local-worker'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { testBindings } from '../support/harness'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database?.close())

describe('the per-request client in workerd', () => {
  // postgres.js #1203: without the warm-up query in db/client.ts, the first Kysely query of a
  // fresh client in a Worker waits on reserve() forever, and this request never answers.
  it('answers the first query of a brand-new worker and client', async () => {
    const { mf, url } = await startLocalWorker({
      bindings: { ...testBindings, DATABASE_URL: database.url },
    })
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
      bindings: { ...testBindings, DATABASE_URL: 'postgres://postgres@127.0.0.1:9/nothing' },
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

// A role allowed one connection stands in for a full server: the same 53300 error.
describe.runIf(process.env.TEST_DATABASE_URL)('a full server (real Postgres only)', () => {
  it('is waited out at connect for a moment, then answered with 503', async () => {
    const role = `ft_full_${Date.now().toString(36)}`
    await sql`create role ${sql.id(role)} login connection limit 1`.execute(database.db)
    const url = new URL(database.url)
    url.username = role
    const holder = createDb(url.toString())
    const { mf, url: base } = await startLocalWorker({
      bindings: { ...testBindings, DATABASE_URL: url.toString() },
    })
    try {
      await sql`select 1`.execute(holder)
      // the slot frees up while the request is retrying
      const freed = new Promise((resolve) => setTimeout(resolve, 300)).then(() => holder.destroy())
      const waited = await fetch(new URL('/health', base), { signal: AbortSignal.timeout(10_000) })
      await freed
      expect(waited.status).toBe(200)

      // and a server that stays full gets a clean 503 with Retry-After (once the worker's own
      // connection from the last request has gone)
      for (let i = 0; i < 50; i++) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where usename = ${role}`.execute(
          database.db,
        )
        if (rows[0]!.n === 0) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const other = createDb(url.toString())
      await sql`select 1`.execute(other)
      const full = await fetch(new URL('/health', base), { signal: AbortSignal.timeout(10_000) })
      await other.destroy()
      expect(full.status).toBe(503)
      expect(full.headers.get('retry-after')).toBe('5')
      expect(((await full.json()) as { error: { code: string } }).error.code).toBe('unavailable')
    } finally {
      await mf.dispose()
      await sql`drop role if exists ${sql.id(role)}`.execute(database.db)
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
