import { sql, type Kysely } from 'kysely'

const ts = 'timestamptz(3)'

export async function up(db: Kysely<any>): Promise<void> {
  // One draft per interviewer: the candidate's note as last saved, so a reload or another device
  // shows what they wrote. It goes with the interviewer (or interview) it was written for.
  await db.schema
    .createTable('drafts')
    .addColumn('interviewer_id', 'uuid', (col) =>
      col.primaryKey().references('interviewers.id').onDelete('cascade'),
    )
    .addColumn('interview_id', 'uuid', (col) =>
      col.notNull().references('interviews.id').onDelete('cascade'),
    )
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('updated_at', ts, (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  // erasure deletes by interview
  await db.schema.createIndex('drafts_interview_idx').on('drafts').column('interview_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drafts').execute()
}
