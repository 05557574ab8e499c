import { sql, type Kysely } from 'kysely'
import { counter, createdAt, idAndAgency, interviewId, notNull, ts } from './common'

// Texts: a nudge by SMS beside the coaching email, for candidates who agreed to get texts.
// - The person's number (E.164) and whether the agency recorded their consent.
// - Per agency: texts on or off (off until the agency turns them on), the quiet hours in the
//   candidate's local time (minutes after midnight), and which messages also go by text.
// - `texts` is an outbox of its own, shaped like `emails`: claimed under a lease, retried with
//   backoff, each row at most one message to Twilio.
// - Opt-outs (STOP) belong to the number Twilio sent from, as Twilio keeps them; the number is
//   kept only as a hash, so an opt-out outlives erasure and retention.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('candidates')
    .addColumn('phone', 'text')
    .addColumn('sms_consent', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
  await db.schema
    .alterTable('agencies')
    .addColumn('sms_enabled', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('sms_quiet_start', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(21 * 60)
        .check(sql`sms_quiet_start between 0 and 1439`),
    )
    .addColumn('sms_quiet_end', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(8 * 60)
        .check(sql`sms_quiet_end between 0 and 1439`),
    )
    .addColumn('sms_messages', 'jsonb', (col) => col.notNull().defaultTo(sql`'["coaching"]'`))
    .execute()
  await db.schema
    .createTable('texts')
    .$call(idAndAgency)
    .$call(interviewId)
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('coaching', 'reminder')`))
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`state in ('queued', 'sending', 'sent', 'captured', 'delivered', 'undelivered', 'failed', 'skipped', 'canceled')`,
        ),
    )
    .$call(counter('attempts'))
    .addColumn('next_attempt_at', ts, notNull)
    // set by an attempt whose answer never came: before another, Twilio's list is searched
    .addColumn('unanswered_since', ts)
    .addColumn('to_phone', 'text')
    // the sender the text goes from (messaging service SID), for the opt-out check
    .addColumn('sender', 'text')
    .addColumn('body', 'text')
    .addColumn('segments', 'integer')
    .addColumn('provider_sid', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', ts)
    .addColumn('status_at', ts)
    .$call(createdAt)
    .execute()
  await sql`create index texts_due_idx on texts (next_attempt_at) where state in ('queued', 'sending')`.execute(
    db,
  )
  await sql`create unique index texts_provider_sid_idx on texts (provider_sid) where provider_sid is not null`.execute(
    db,
  )
  await db.schema.createIndex('texts_interview_idx').on('texts').column('interview_id').execute()
  await db.schema
    .createTable('sms_opt_outs')
    .addColumn('sender', 'text', notNull)
    .addColumn('phone_hash', 'text', notNull)
    .$call(createdAt)
    .addPrimaryKeyConstraint('sms_opt_outs_pkey', ['sender', 'phone_hash'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sms_opt_outs').execute()
  await db.schema.dropTable('texts').execute()
  await db.schema
    .alterTable('agencies')
    .dropColumn('sms_enabled')
    .dropColumn('sms_quiet_start')
    .dropColumn('sms_quiet_end')
    .dropColumn('sms_messages')
    .execute()
  await db.schema.alterTable('candidates').dropColumn('phone').dropColumn('sms_consent').execute()
}
