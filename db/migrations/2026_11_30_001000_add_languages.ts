import { sql, type Kysely } from 'kysely'

// Candidates are coached in their own language, and the drafts are written in the language the
// interview was held in, which may differ. Both are kept per interview, as the candidate's name
// is; the agency's default fills in what an interview does not say. A preferred name and a time
// zone are the candidate's too, and are forgotten with the rest.

const languages = sql`('en', 'es', 'fr', 'de', 'pt', 'pl')`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn('default_language', 'text', (col) =>
      col
        .notNull()
        .defaultTo('en')
        .check(sql`default_language in ${languages}`),
    )
    .execute()
  await db.schema
    .alterTable('interviews')
    .addColumn('candidate_language', 'text', (col) =>
      col
        .notNull()
        .defaultTo('en')
        .check(sql`candidate_language in ${languages}`),
    )
    .addColumn('note_language', 'text', (col) =>
      col
        .notNull()
        .defaultTo('en')
        .check(sql`note_language in ${languages}`),
    )
    .addColumn('candidate_preferred_name', 'text')
    .addColumn('candidate_time_zone', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('interviews')
    .dropColumn('candidate_language')
    .dropColumn('note_language')
    .dropColumn('candidate_preferred_name')
    .dropColumn('candidate_time_zone')
    .execute()
  await db.schema.alterTable('agencies').dropColumn('default_language').execute()
}
