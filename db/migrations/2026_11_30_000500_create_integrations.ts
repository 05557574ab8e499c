import { sql, type Kysely } from 'kysely'

// Interviews that arrive from an agency's ATS. An integration is one agency's connection to one
// provider; its credentials and signing secret are kept only encrypted (the worker seals them
// with a key the database never sees). Each inbound event is recorded once per integration and
// sender's id, in the transaction that applies it, so a re-delivery changes nothing. External
// records remember, per record of the other system, the newest event applied to it (and a
// cancel that came before the interview), so an event that arrives late never undoes a newer one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('integrations')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    // which adapter speaks for it (worker/integrations/providers.ts); checked there
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    // `<key id>.<iv>.<ciphertext>`, AES-256-GCM; never the plaintext
    .addColumn('credentials_sealed', 'text')
    .addColumn('signing_secret_sealed', 'text')
    .addColumn('settings', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('canceled_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('ignored_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_event_at', 'timestamptz(3)')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'timestamptz(3)')
    .addColumn('created_at', 'timestamptz(3)', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('integrations_agency_provider_uq', ['agency_id', 'provider'])
    .execute()

  await db.schema
    .createTable('integration_events')
    .addColumn('integration_id', 'uuid', (col) =>
      col.notNull().references('integrations.id').onDelete('cascade'),
    )
    // the sender's id of the event: the same id twice is one event
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz(3)', (col) => col.notNull())
    .addColumn('result', 'text', (col) =>
      col.notNull().check(sql`result in ('created', 'updated', 'canceled', 'ignored')`),
    )
    .addColumn('reason', 'text')
    .addColumn('interview_id', 'uuid', (col) =>
      col.references('interviews.id').onDelete('set null'),
    )
    .addColumn('received_at', 'timestamptz(3)', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('integration_events_pk', ['integration_id', 'event_id'])
    .execute()

  await db.schema
    .createTable('external_records')
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    .addColumn('system', 'text', (col) => col.notNull())
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('interview_id', 'uuid', (col) =>
      col.references('interviews.id').onDelete('set null'),
    )
    // the provider's time of the newest event applied to this record
    .addColumn('last_occurred_at', 'timestamptz(3)')
    // canceled in the other system, with or without an interview here (then a tombstone)
    .addColumn('canceled_at', 'timestamptz(3)')
    .addPrimaryKeyConstraint('external_records_pk', ['agency_id', 'system', 'external_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_records').execute()
  await db.schema.dropTable('integration_events').execute()
  await db.schema.dropTable('integrations').execute()
}
