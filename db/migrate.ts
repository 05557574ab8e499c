import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Migrator, type MigrationResultSet } from 'kysely/migration'
import { createDb, type Db } from './client'
import { migrations } from './migrations'

function migratorFor(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).map((r) => `${r.direction} ${r.migrationName}: ${r.status}`)
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateToLatest())
}

export async function migrateDown(db: Db): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateDown())
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_URL is not set. (npm start migrates the embedded database by itself.)')
    process.exit(1)
  }
  const db = createDb(url)
  try {
    const lines = process.argv.includes('--down')
      ? await migrateDown(db)
      : await migrateToLatest(db)
    console.log(lines.length ? lines.join('\n') : 'Already up to date.')
  } finally {
    await db.destroy()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main()
}
