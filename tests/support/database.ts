import { sql } from 'kysely'
import { createDb, type Db } from '../../db/client'
import { startEmbeddedPostgres } from '../../db/embedded'
import { migrateToLatest } from '../../db/migrate'

export interface TestDatabase {
  url: string
  /** a Node-side client for arranging and checking rows */
  db: Db
  close(): Promise<void>
}

/**
 * A fresh database (migrated unless told not to) for one test file: an in-memory PGlite behind pglite-socket by
 * default, or a new database on the server of TEST_DATABASE_URL (dropped afterwards).
 */
export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres()
    const db = createDb(embedded.url)
    if (migrate) await migrateToLatest(db)
    return {
      url: embedded.url,
      db,
      async close() {
        await db.destroy()
        await embedded.stop()
      },
    }
  }
  const name = `ft_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = createDb(serverUrl)
  await sql`create database ${sql.id(name)}`.execute(admin)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = createDb(url.toString(), { max: 4 })
  if (migrate) await migrateToLatest(db)
  return {
    url: url.toString(),
    db,
    async close() {
      await db.destroy()
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
      await admin.destroy()
    },
  }
}

/** Every text-like or bytea column of every table that holds `needle`, as "table.column". */
export async function columnsContaining(db: Db, needle: string): Promise<string[]> {
  const { rows: columns } = await sql<{
    table_name: string
    column_name: string
    data_type: string
  }>`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = 'public'
      and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea')
  `.execute(db)
  const found: string[] = []
  for (const { table_name, column_name, data_type } of columns) {
    // bytes are searched as the text they would spell
    const value =
      data_type === 'bytea'
        ? sql`convert_from(${sql.ref(column_name)}, 'SQL_ASCII')`
        : sql`${sql.ref(column_name)}::text`
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table_name)}
      where ${value} ilike ${'%' + needle + '%'}
    `.execute(db)
    if (rows[0]!.n > 0) found.push(`${table_name}.${column_name}`)
  }
  return found
}
