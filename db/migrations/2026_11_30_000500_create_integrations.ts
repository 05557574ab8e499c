import { sql, type Kysely } from 'kysely'
import {
  agencyId,
  belongsTo,
  counter,
  createdAt,
  mayReference,
  notNull,
  stampedNow,
  ts,
} from './common'

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
    .$call(agencyId)
    // which adapter speaks for it (worker/integrations/providers.ts); checked there
    .addColumn('provider', 'text', notNull)
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    // `<key id>.<iv>.<ciphertext>`, AES-256-GCM; never the plaintext
    .addColumn('credentials_sealed', 'text')
    .addColumn('signing_secret_sealed', 'text')
    .addColumn('settings', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .$call(counter('created_count'))
    .$call(counter('updated_count'))
    .$call(counter('canceled_count'))
    .$call(counter('ignored_count'))
    .addColumn('last_event_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', ts)
    .$call(createdAt)
    .addUniqueConstraint('integrations_agency_provider_uq', ['agency_id', 'provider'])
    .execute()

  await db.schema
    .createTable('integration_events')
    .$call(belongsTo('integration_id', 'integrations'))
    // the sender's id of the event: the same id twice is one event
    .addColumn('event_id', 'text', notNull)
    .addColumn('type', 'text', notNull)
    .addColumn('occurred_at', ts, notNull)
    .addColumn('result', 'text', (col) =>
      col.notNull().check(sql`result in ('created', 'updated', 'canceled', 'ignored')`),
    )
    .addColumn('reason', 'text')
    .$call(mayReference('interview_id', 'interviews'))
    .$call(stampedNow('received_at'))
    .addPrimaryKeyConstraint('integration_events_pk', ['integration_id', 'event_id'])
    .execute()

  await db.schema
    .createTable('external_records')
    .$call(agencyId)
    .addColumn('system', 'text', notNull)
    .addColumn('external_id', 'text', notNull)
    .$call(mayReference('interview_id', 'interviews'))
    // the provider's time of the newest event applied to this record
    .addColumn('last_occurred_at', ts)
    // canceled in the other system, with or without an interview here (then a tombstone)
    .addColumn('canceled_at', ts)
    .addPrimaryKeyConstraint('external_records_pk', ['agency_id', 'system', 'external_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_records').execute()
  await db.schema.dropTable('integration_events').execute()
  await db.schema.dropTable('integrations').execute()
}
