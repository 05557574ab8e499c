import { CompiledQuery, Kysely, type DatabaseConnection } from 'kysely'
import {
  PostgresJSDialect,
  PostgresJSDriver,
  type PostgresJSDialectConfig,
} from 'kysely-postgres-js'
import postgres from 'postgres'
import type { Database } from './schema'

export type Db = Kysely<Database>

export interface DbOptions {
  /** pool size; inside a Worker one request gets one client, so one connection is plenty */
  max?: number
  connectTimeoutSeconds?: number
}

// The server is full, or still starting after a restart: worth a few quick tries (about 1.6 s in
// all) before the request fails with 503.
const busyAtConnect = new Set(['53300', '57P03'])

async function openConnection(sql: postgres.Sql) {
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`select 1`
      return
    } catch (err) {
      const code = (err as { code?: unknown }).code
      if (attempt >= 6 || typeof code !== 'string' || !busyAtConnect.has(code)) throw err
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt + Math.random() * 25))
    }
  }
}

/**
 * postgres.js as the Kysely dialect uses it (reserve a connection, query on it, release it),
 * minus two bugs of reserved connections:
 * - issue #1203: on the Workers build, `reserve()` never resolves while the pool has no open
 *   connection, as in a fresh client or one whose connection has closed. A plain query first
 *   opens one; tests/foundation/database.test.ts hangs without this.
 * - issue #1208: a query on a reserved connection whose socket has closed is never sent and
 *   never settles, so the ROLLBACK Kysely sends after a lost connection hung the request
 *   (tests/faults/postgres-restart.test.ts). Such a connection now fails every query at once,
 *   and is not released, since the pool would hand it out again as open. Only a client of one
 *   connection (a Worker's, and the default) knows which connection closed: `closes` counts them.
 */
function reservingSafely(
  sql: postgres.Sql,
  closes: () => number,
  oneConnection: boolean,
): postgres.Sql {
  const { reserve: reserveConnection, end } = sql
  let openedAt: number | null = null
  async function reserve() {
    if (openedAt !== closes()) {
      await openConnection(sql)
      openedAt = closes()
    }
    const reserved = await reserveConnection()
    const reservedAt = closes()
    const lost = () => oneConnection && closes() !== reservedAt
    const { unsafe, release } = reserved
    reserved.unsafe = ((...args: Parameters<typeof unsafe>) =>
      lost()
        ? Promise.reject(
            Object.assign(new Error('The database connection was lost.'), {
              code: 'CONNECTION_CLOSED',
            }),
          )
        : unsafe(...args)) as typeof unsafe
    reserved.release = () => {
      if (!lost()) release()
    }
    return reserved
  }
  // A connection that closed mid-query never finishes ending (postgres.js still holds the query),
  // which would keep the request's waitUntil(db.destroy()) open for good: it is dropped instead.
  return Object.assign(sql, {
    reserve,
    end: (options?: { timeout?: number }) => end(options ?? { timeout: 5 }),
  })
}

/**
 * Kysely 0.29 marks a connection whose ROLLBACK failed for discarding through a method only its
 * own pg connections have, so with kysely-postgres-js a ROLLBACK that failed because the
 * connection was lost threw a TypeError (a 500) in place of the connection error (a 503). A lost
 * connection is not handed back to the pool anyway (reservingSafely).
 */
class PostgresJSDriverWithRollback extends PostgresJSDriver {
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }
}

class PostgresJSDialectWithRollback extends PostgresJSDialect {
  constructor(private readonly config: PostgresJSDialectConfig) {
    super(config)
  }

  override createDriver() {
    return new PostgresJSDriverWithRollback(this.config)
  }
}

/**
 * A Kysely client over postgres.js. In a Worker, make one per request and end it with
 * `ctx.waitUntil(db.destroy())`: a client kept across requests fails with "Cannot perform I/O on
 * behalf of a different request".
 */
export function createDb(connectionString: string, options: DbOptions = {}): Db {
  const max = options.max ?? 1
  let closes = 0
  const sql = postgres(connectionString, {
    max,
    fetch_types: false,
    // Unnamed statements only: a transaction pool (Hyperdrive, PgBouncer in transaction mode)
    // hands each transaction whichever server connection is free, where a statement this client
    // prepared on another does not exist. A client lives for one request, so a named statement
    // would rarely be run twice anyway.
    prepare: false,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // Never drop idle connections: a pool that has closed its last one is back in the state where
    // reserve() hangs (below), which long-lived clients (tests, CLIs) would otherwise reach.
    idle_timeout: 0,
    onclose: () => {
      closes += 1
    },
    onnotice: () => {},
  })
  return new Kysely<Database>({
    dialect: new PostgresJSDialectWithRollback({
      postgres: reservingSafely(sql, () => closes, max === 1),
    }),
  })
}
