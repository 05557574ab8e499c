import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely'

// Candidates are coached in their own language, and the drafts are written in the language the
// interview was held in, which may differ. Both are kept per interview, as the candidate's name
// is; the agency's default fills in what an interview does not say. A preferred name and a time
// zone are the candidate's too, and are forgotten with the rest.

/** a language we coach in, English unless said */
const language = (column: string) => (col: ColumnDefinitionBuilder) =>
  col
    .notNull()
    .defaultTo('en')
    .check(sql`${sql.ref(column)} in ('en', 'es', 'fr', 'de', 'pt', 'pl')`)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn('default_language', 'text', language('default_language'))
    .execute()
  await db.schema
    .alterTable('interviews')
    .addColumn('candidate_language', 'text', language('candidate_language'))
    .addColumn('note_language', 'text', language('note_language'))
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
