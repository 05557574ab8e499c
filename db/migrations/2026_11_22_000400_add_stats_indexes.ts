import type { Kysely } from 'kysely'

// The stats select an agency's interviews by start time (its local calendar days); the emails,
// events and interviewers they join are already indexed by interview_id.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('interviews_agency_starts_idx')
    .on('interviews')
    .columns(['agency_id', 'starts_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('interviews_agency_starts_idx').execute()
}
