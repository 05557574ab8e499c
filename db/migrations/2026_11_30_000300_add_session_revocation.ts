import type { Kysely } from 'kysely'

// A recruiter session names the recruiter's version when it was minted; moving the version on (a
// role change, a sign-out) ends every session minted before. Sessions are checked by the
// recruiter's and the key's primary keys, so no index is needed. Sessions minted before this
// migration name no version and stop working; the widget asks for a new one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('recruiters')
    .addColumn('session_version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recruiters').dropColumn('session_version').execute()
}
