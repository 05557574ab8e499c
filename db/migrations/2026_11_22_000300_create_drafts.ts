import type { Kysely } from 'kysely'
import { createIndexes, interviewId, notNull, updatedAt } from './common'

export async function up(db: Kysely<any>): Promise<void> {
  // One draft per interviewer: the candidate's note as last saved, so a reload or another device
  // shows what they wrote. It goes with the interviewer (or interview) it was written for.
  await db.schema
    .createTable('drafts')
    .addColumn('interviewer_id', 'uuid', (col) =>
      col.primaryKey().references('interviewers.id').onDelete('cascade'),
    )
    .$call(interviewId)
    .addColumn('body', 'text', notNull)
    .$call(updatedAt)
    .execute()
  // erasure deletes by interview
  await createIndexes(db, 'drafts', { drafts_interview_idx: ['interview_id'] })
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drafts').execute()
}
