import { sql, type Kysely } from 'kysely'

// Where the candidate got after an interview (from the recruiter or the agency's ATS), so the
// stats can show how outcomes go with thank-you notes. One current stage per interview.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('interviews')
    .addColumn('outcome', 'text', (col) =>
      col.check(sql`outcome in ('advanced', 'offer', 'hired', 'rejected', 'withdrawn')`),
    )
    .addColumn('outcome_at', 'timestamptz(3)')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interviews').dropColumn('outcome').dropColumn('outcome_at').execute()
}
