import type { Kysely } from 'kysely'
import { createIndexes } from './common'

// The stats select an agency's interviews by start time (its local calendar days); the emails,
// events and interviewers they join are already indexed by interview_id.

export async function up(db: Kysely<any>): Promise<void> {
  await createIndexes(db, 'interviews', {
    interviews_agency_starts_idx: ['agency_id', 'starts_at'],
  })
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('interviews_agency_starts_idx').execute()
}
