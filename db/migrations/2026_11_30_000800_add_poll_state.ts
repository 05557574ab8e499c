import type { Kysely } from 'kysely'

// Providers that send no webhooks are polled (Bullhorn's event subscriptions): where the last
// read stands, so a poll that stopped half-way reads the same batch again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integrations').addColumn('poll_state', 'jsonb').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integrations').dropColumn('poll_state').execute()
}
