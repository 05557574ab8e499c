import { sql, type Kysely } from 'kysely'
import {
  createdAt,
  createIndexes,
  idAndAgency,
  notNull,
  ts,
  updatedAt,
  uuidPrimaryKey,
} from './common'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .$call(uuidPrimaryKey)
    .addColumn('name', 'text', notNull)
    .addColumn('branding', 'jsonb', notNull)
    .addColumn('routing_mode', 'text', (col) =>
      col
        .notNull()
        .defaultTo('direct')
        .check(sql`routing_mode in ('direct', 'via_recruiter')`),
    )
    .addColumn('reminder_hours', 'integer', (col) => col.notNull().defaultTo(18))
    .addColumn('time_zone', 'text', (col) => col.notNull().defaultTo('UTC'))
    .addColumn('allowed_origins', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .$call(createdAt)
    .$call(updatedAt)
    .execute()

  await db.schema
    .createTable('api_keys')
    .$call(idAndAgency)
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('secret', 'publishable')`))
    .addColumn('key_hash', 'text', (col) => col.notNull().unique())
    .addColumn('key_prefix', 'text', notNull)
    .addColumn('name', 'text')
    .$call(createdAt)
    .addColumn('revoked_at', ts)
    .addColumn('last_used_at', ts)
    .execute()
  await createIndexes(db, 'api_keys', { api_keys_agency_idx: ['agency_id', 'created_at'] })

  await db.schema
    .createTable('recruiters')
    .$call(idAndAgency)
    .addColumn('external_id', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('email', 'text')
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('recruiter', 'manager')`))
    .$call(createdAt)
    .$call(updatedAt)
    .addUniqueConstraint('recruiters_agency_external_uq', ['agency_id', 'external_id'])
    .execute()

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', notNull)
    .addColumn('key', 'text', notNull)
    .addColumn('request_hash', 'text', notNull)
    .addColumn('response_status', 'integer', notNull)
    .addColumn('response_body', 'jsonb', notNull)
    .$call(createdAt)
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute()
  await db.schema.dropTable('recruiters').execute()
  await db.schema.dropTable('api_keys').execute()
  await db.schema.dropTable('agencies').execute()
}
