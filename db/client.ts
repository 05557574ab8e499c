import { Kysely } from 'kysely'
import { PostgresJSDialect } from 'kysely-postgres-js'
import postgres from 'postgres'
import type { Database } from './schema'

export type Db = Kysely<Database>

export interface DbOptions {
  /** pool size; inside a Worker one request gets one client, so one connection is plenty */
  max?: number
  connectTimeoutSeconds?: number
}

// The server is full, or still starting after a restart: worth a few quick tries (about 0.4 s in
// all) before the request fails with 503.
const busyAtConnect = new Set(['53300', '57P03'])

async function openConnection(sql: postgres.Sql) {
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`select 1`
      return
    } catch (err) {
      const code = (err as { code?: unknown }).code
      if (attempt >= 4 || typeof code !== 'string' || !busyAtConnect.has(code)) throw err
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt + Math.random() * 25))
    }
  }
}

/**
 * A Kysely client over postgres.js. In a Worker, make one per request and end it with
 * `ctx.waitUntil(db.destroy())`: a client kept across requests fails with "Cannot perform I/O on
 * behalf of a different request".
 */
export function createDb(connectionString: string, options: DbOptions = {}): Db {
  const sql = postgres(connectionString, {
    max: options.max ?? 1,
    fetch_types: false,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // Never drop idle connections: a pool that has closed its last one is back in the state where
    // reserve() hangs (below), which long-lived clients (tests, CLIs) would otherwise reach.
    idle_timeout: 0,
    onnotice: () => {},
  })
  return new Kysely<Database>({
    dialect: new PostgresJSDialect({
      // postgres.js issue #1203: on the Workers build, `sql.reserve()` never resolves while the
      // pool has no open connection, and the dialect reserves before every query, so the first
      // Kysely query of a fresh client would hang forever. A plain query first opens the
      // connection; tests/foundation/db-client.test.ts hangs without this.
      postgres: async () => {
        await openConnection(sql)
        return sql
      },
    }),
  })
}
