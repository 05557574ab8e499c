import { sql, type Kysely } from 'kysely'

// A candidate's page records its first view once per interview, even when two loads race (a mail
// scanner opening the link as the candidate does): the index makes a second row impossible and
// the insert skips it. Rows recorded twice before keep the earliest.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from events e where e.type = 'page_opened' and exists (
      select 1 from events f where f.interview_id = e.interview_id and f.type = 'page_opened'
        and (f.occurred_at, f.id) < (e.occurred_at, e.id))`.execute(db)
  await sql`create unique index events_page_opened_once_uq on events (interview_id)
    where type = 'page_opened'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_page_opened_once_uq').execute()
}
