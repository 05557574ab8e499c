import { sql, type Kysely } from 'kysely'
import { agencySetting, ts } from './common'

// Each agency keeps candidate data for its retention period; the nightly cron then forgets the
// personal data of older interviews (as erasure does) and keeps the rows for the counts.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn(...agencySetting('retention_days', { initial: 365, min: 30, max: 3650 }))
    .execute()
  // set once an interview's personal data is gone (erasure or retention), so neither looks at it
  // again; no backfill: interviews erased before this column get their interviewers' names
  // forgotten too when their retention period ends
  await db.schema.alterTable('interviews').addColumn('forgotten_at', ts).execute()
  // The purge asks each agency for interviews not yet forgotten that started before its cutoff.
  // interviews_agency_starts_idx has the columns but would walk every forgotten row of the
  // agency's whole history each night; this one holds only the rows still to forget.
  await db.schema
    .createIndex('interviews_retention_idx')
    .on('interviews')
    .columns(['agency_id', 'starts_at'])
    .where(sql.ref('forgotten_at'), 'is', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('interviews_retention_idx').execute()
  await db.schema.alterTable('interviews').dropColumn('forgotten_at').execute()
  await db.schema.alterTable('agencies').dropColumn('retention_days').execute()
}
