import { sql, type Kysely } from 'kysely'

// Two things a candidate is owed:
// - The name shown on an interview is the one given when that interview was logged. It lived on
//   the candidate (one row per address and agency), so logging an interview with a known address
//   renamed the person on every other recruiter's interviews too.
// - Link tokens are derived when a message goes out and never stored. Messages queued before
//   carried them in clear; they now hold the slot the outbox fills in (links already sent keep
//   working: their hashes stay).

const linkInMessage = '/([cu])/[A-Za-z0-9_-]{32}'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interviews').addColumn('candidate_name', 'text').execute()
  await sql`
    update interviews i set candidate_name = c.name
    from candidates c where c.id = i.candidate_id and i.forgotten_at is null
  `.execute(db)
  await db.schema.alterTable('candidates').dropColumn('name').execute()
  await sql`
    update emails
    set message = regexp_replace(message::text, ${linkInMessage}, '/\\1/_ft_link_token_', 'g')::jsonb
    where message is not null and message::text ~ ${linkInMessage}
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').addColumn('name', 'text').execute()
  // each person gets the name of their latest interview; tokens taken out of messages stay out
  await sql`
    update candidates c set name = (
      select i.candidate_name from interviews i
      where i.candidate_id = c.id and i.candidate_name is not null
      order by i.created_at desc limit 1
    )
    where c.erased_at is null
  `.execute(db)
  await db.schema.alterTable('interviews').dropColumn('candidate_name').execute()
}
