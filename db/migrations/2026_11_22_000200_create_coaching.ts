import { sql, type Kysely } from 'kysely'
import {
  agencyId,
  belongsTo,
  createdAt,
  createIndexes,
  idAndAgency,
  interviewId,
  notNull,
  stampedNow,
  ts,
  uuidPrimaryKey,
} from './common'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('candidates')
    .$call(idAndAgency)
    // name and email are nulled on erasure; the row stays so counts do
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('unsubscribed_at', ts)
    .addColumn('erased_at', ts)
    .$call(createdAt)
    .execute()
  await sql`create unique index candidates_agency_email_uq on candidates (agency_id, email) where email is not null`.execute(
    db,
  )

  await db.schema
    .createTable('interviews')
    .$call(idAndAgency)
    .addColumn('recruiter_id', 'uuid', (col) =>
      col.references('recruiters.id').onDelete('set null'),
    )
    .$call(belongsTo('candidate_id', 'candidates'))
    .addColumn('role_title', 'text', notNull)
    .addColumn('client_company', 'text', notNull)
    .addColumn('starts_at', ts, notNull)
    .addColumn('ends_at', ts, notNull)
    .addColumn('duration_minutes', 'integer', notNull)
    .addColumn('format', 'text', (col) =>
      col.notNull().check(sql`format in ('video', 'phone', 'onsite')`),
    )
    .addColumn('talking_points', 'text')
    .$call(createdAt)
    .execute()
  await createIndexes(db, 'interviews', {
    interviews_agency_created_idx: ['agency_id', 'created_at', 'id'],
    interviews_agency_recruiter_idx: ['agency_id', 'recruiter_id', 'created_at'],
    interviews_candidate_idx: ['candidate_id'],
  })

  await db.schema
    .createTable('interviewers')
    .$call(uuidPrimaryKey)
    .$call(interviewId)
    .addColumn('position', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    // the current state of the note, kept beside the append-only sent/unsent events for filters
    .addColumn('note_sent_at', ts)
    .addUniqueConstraint('interviewers_interview_position_uq', ['interview_id', 'position'])
    .execute()

  await db.schema
    .createTable('coaching_links')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .$call(interviewId)
    .addColumn('expires_at', ts, notNull)
    .$call(createdAt)
    .execute()
  await createIndexes(db, 'coaching_links', { coaching_links_interview_idx: ['interview_id'] })

  await db.schema
    .createTable('emails')
    .$call(idAndAgency)
    .$call(interviewId)
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
    .addColumn('next_attempt_at', ts, notNull)
    .addColumn('send_key', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('message', 'jsonb')
    .addColumn('sent_at', ts)
    .$call(createdAt)
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
  await createIndexes(db, 'emails', { emails_interview_idx: ['interview_id'] })

  await db.schema
    .createTable('events')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .$call(agencyId)
    .$call(interviewId)
    .addColumn('interviewer_id', 'uuid', (col) =>
      col.references('interviewers.id').onDelete('cascade'),
    )
    .addColumn('email_id', 'uuid', (col) => col.references('emails.id').onDelete('set null'))
    .addColumn('type', 'text', notNull)
    .$call(stampedNow('occurred_at'))
    .execute()
  await createIndexes(db, 'events', {
    events_interview_idx: ['interview_id', 'type'],
    events_agency_type_idx: ['agency_id', 'type', 'occurred_at'],
  })

  await db.schema
    .createTable('suppressions')
    .$call(agencyId)
    // sha256 of the address, so a suppression outlives the erasure of the address itself
    .addColumn('email_hash', 'text', notNull)
    .addColumn('reason', 'text', (col) =>
      col.notNull().check(sql`reason in ('bounced', 'complained', 'unsubscribed')`),
    )
    .$call(createdAt)
    .addPrimaryKeyConstraint('suppressions_pk', ['agency_id', 'email_hash'])
    .execute()

  await db.schema
    .createTable('webhook_receipts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .$call(stampedNow('received_at'))
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
