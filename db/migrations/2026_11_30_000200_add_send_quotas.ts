import { sql, type Kysely } from 'kysely'

// Every coaching email goes out from the shared sending domain, so each agency has a daily
// quota and each recruiter an hourly one. Usage is one counter row per scope and window, bumped
// in the transaction that queues the email: a refused send rolls its bump back, and concurrent
// sends queue on the row lock, so the count is exact.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn('agency_daily_send_quota', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(500)
        .check(sql`agency_daily_send_quota between 1 and 20000`),
    )
    .addColumn('recruiter_hourly_send_quota', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(40)
        .check(sql`recruiter_hourly_send_quota between 1 and 1000`),
    )
    .execute()

  await db.schema
    .createTable('send_quota_usage')
    .addColumn('agency_id', 'uuid', (col) =>
      col.notNull().references('agencies.id').onDelete('cascade'),
    )
    // null: the agency's daily count; set: that recruiter's hourly count
    .addColumn('recruiter_id', 'uuid', (col) => col.references('recruiters.id').onDelete('cascade'))
    .addColumn('window_start', 'timestamptz(3)', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull().check(sql`count > 0`))
    .execute()
  // one row per window and scope: the arbiters of the counters' insert … on conflict
  await db.schema
    .createIndex('send_quota_usage_agency_uq')
    .on('send_quota_usage')
    .columns(['agency_id', 'window_start'])
    .unique()
    .where(sql.ref('recruiter_id'), 'is', null)
    .execute()
  await db.schema
    .createIndex('send_quota_usage_recruiter_uq')
    .on('send_quota_usage')
    .columns(['agency_id', 'window_start', 'recruiter_id'])
    .unique()
    .where(sql.ref('recruiter_id'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('send_quota_usage').execute()
  await db.schema
    .alterTable('agencies')
    .dropColumn('recruiter_hourly_send_quota')
    .dropColumn('agency_daily_send_quota')
    .execute()
}
