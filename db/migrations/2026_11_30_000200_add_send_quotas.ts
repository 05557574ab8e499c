import { sql, type Kysely } from 'kysely'
import { agencyId, agencySetting, notNull, ts } from './common'

// Every coaching email goes out from the shared sending domain, so each agency has a daily
// quota and each recruiter an hourly one. Usage is one counter row per scope and window, bumped
// in the transaction that queues the email: a refused send rolls its bump back, and concurrent
// sends queue on the row lock, so the count is exact.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn(...agencySetting('agency_daily_send_quota', { initial: 500, min: 1, max: 20000 }))
    .addColumn(...agencySetting('recruiter_hourly_send_quota', { initial: 40, min: 1, max: 1000 }))
    .execute()

  await db.schema
    .createTable('send_quota_usage')
    .$call(agencyId)
    // null: the agency's daily count; set: that recruiter's hourly count
    .addColumn('recruiter_id', 'uuid', (col) => col.references('recruiters.id').onDelete('cascade'))
    .addColumn('window_start', ts, notNull)
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
