import { sql, type Kysely } from 'kysely'

const ts = 'timestamptz(3)'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('candidates')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    // name and email are nulled on erasure; the row stays so counts do
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('unsubscribed_at', ts)
    .addColumn('erased_at', ts)
    .addColumn('created_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create unique index candidates_agency_email_uq on candidates (agency_id, email) where email is not null`.execute(
    db,
  )

  await db.schema
    .createTable('interviews')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    .addColumn('recruiter_id', 'uuid', (col) =>
      col.references('recruiters.id').onDelete('set null'),
    )
    .addColumn('candidate_id', 'uuid', (col) =>
      col.notNull().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('role_title', 'text', (col) => col.notNull())
    .addColumn('client_company', 'text', (col) => col.notNull())
    .addColumn('starts_at', ts, (col) => col.notNull())
    .addColumn('ends_at', ts, (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull())
    .addColumn('format', 'text', (col) =>
      col.notNull().check(sql`format in ('video', 'phone', 'onsite')`),
    )
    .addColumn('talking_points', 'text')
    .addColumn('created_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('interviews_agency_created_idx')
    .on('interviews')
    .columns(['agency_id', 'created_at', 'id'])
    .execute()
  await db.schema
    .createIndex('interviews_agency_recruiter_idx')
    .on('interviews')
    .columns(['agency_id', 'recruiter_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('interviews_candidate_idx')
    .on('interviews')
    .column('candidate_id')
    .execute()

  await db.schema
    .createTable('interviewers')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('interview_id', 'uuid', (col) =>
      col.notNull().references('interviews.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    // the current state of the note, kept beside the append-only sent/unsent events for filters
    .addColumn('note_sent_at', ts)
    .addUniqueConstraint('interviewers_interview_position_uq', ['interview_id', 'position'])
    .execute()

  await db.schema
    .createTable('coaching_links')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('interview_id', 'uuid', (col) =>
      col.notNull().references('interviews.id').onDelete('cascade'),
    )
    .addColumn('expires_at', ts, (col) => col.notNull())
    .addColumn('created_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('coaching_links_interview_idx')
    .on('coaching_links')
    .column('interview_id')
    .execute()

  await db.schema
    .createTable('emails')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    .addColumn('interview_id', 'uuid', (col) =>
      col.notNull().references('interviews.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('coaching', 'reminder', 'resend')`),
    )
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`state in ('queued', 'sending', 'sent', 'captured', 'failed', 'skipped', 'canceled')`,
        ),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (col) => col.notNull())
    .addColumn('send_key', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('message', 'jsonb')
    .addColumn('sent_at', ts)
    .addColumn('created_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  // never two coaching emails or two reminders for one interview
  await sql`create unique index emails_once_uq on emails (interview_id, kind) where kind <> 'resend'`.execute(
    db,
  )
  await sql`create index emails_due_idx on emails (next_attempt_at) where state in ('queued', 'sending')`.execute(
    db,
  )
  await sql`create index emails_provider_idx on emails (provider_id) where provider_id is not null`.execute(
    db,
  )
  await db.schema.createIndex('emails_interview_idx').on('emails').column('interview_id').execute()

  await db.schema
    .createTable('events')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    .addColumn('interview_id', 'uuid', (col) =>
      col.notNull().references('interviews.id').onDelete('cascade'),
    )
    .addColumn('interviewer_id', 'uuid', (col) =>
      col.references('interviewers.id').onDelete('cascade'),
    )
    .addColumn('email_id', 'uuid', (col) => col.references('emails.id').onDelete('set null'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('occurred_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('events_interview_idx')
    .on('events')
    .columns(['interview_id', 'type'])
    .execute()
  await db.schema
    .createIndex('events_agency_type_idx')
    .on('events')
    .columns(['agency_id', 'type', 'occurred_at'])
    .execute()

  await db.schema
    .createTable('suppressions')
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    // sha256 of the address, so a suppression outlives the erasure of the address itself
    .addColumn('email_hash', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) =>
      col.notNull().check(sql`reason in ('bounced', 'complained', 'unsubscribed')`),
    )
    .addColumn('created_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('suppressions_pk', ['agency_id', 'email_hash'])
    .execute()

  await db.schema
    .createTable('webhook_receipts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('received_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'webhook_receipts',
    'suppressions',
    'events',
    'emails',
    'coaching_links',
    'interviewers',
    'interviews',
    'candidates',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
