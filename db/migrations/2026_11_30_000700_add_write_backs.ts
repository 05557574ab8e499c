import { sql, type Kysely } from 'kysely'
import { agencyId, belongsTo, counter, notNull, onePer, stampedNow, ts } from './common'

// "Note sent" goes back to the ATS: one write-back per interview that came from an integration,
// queued when the candidate marks a note sent or undoes it, written once the marks have settled
// (a debounce), and rewritten only when they change again. The row is its own outbox: claimed
// with a lease, fenced by its attempt count, retried with backoff, failed for good visibly.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('write_backs')
    .$call(onePer('interview_id', 'interviews'))
    .$call(agencyId)
    .$call(belongsTo('integration_id', 'integrations'))
    .addColumn('state', 'text', (col) =>
      col.notNull().check(sql`state in ('pending', 'sending', 'written', 'failed')`),
    )
    .addColumn('due_at', ts, notNull)
    // each mark or undo moves it on; the version written says whether the note is current
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('written_version', 'integer')
    .$call(counter('attempts'))
    .addColumn('lease_until', ts)
    // where the provider keeps the note, and what it says, to update it rather than add another
    .addColumn('note_id', 'text')
    .addColumn('written_text', 'text')
    .addColumn('written_at', ts)
    .addColumn('last_error', 'text')
    .$call(stampedNow('updated_at'))
    .execute()
  await sql`create index write_backs_due_idx on write_backs (due_at) where state in ('pending', 'sending')`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('write_backs').execute()
}
