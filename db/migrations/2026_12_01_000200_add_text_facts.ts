import { sql, type Kysely } from 'kysely'

// The coaching text among the facts the stats count, kept like the others: interview_facts gets
// how far the interview's coaching text got, and a trigger on `texts` keeps it. And every fact the
// stats count, packed into one small integer (`profile`), so the stats group by it and hash a few
// thousand groups where they summed a dozen FILTER clauses per row and breakdown.
//
// coaching_text is the latest coaching text's state as the stats count it (the same rule as
// coachingTextOf in tests/support/stats-from-scratch.ts; tests/stats/facts.test.ts checks that
// the two agree): 'sent' once Twilio took it (or it was captured), then 'delivered' or
// 'undelivered' as Twilio reports; 'failed' when Twilio refused it; null while it waits, and
// when it was never to go (no text queued, skipped, canceled).

/**
 * The bits of `profile`, as worker/services/stats.ts reads them: 1 coached, 2 delivered, 4 page
 * opened, 8 draft used, 16 a note sent, 32 on time, 64 every interviewer thanked; bits 7–9 the
 * outcome (1 advanced, 2 offer, 3 hired, 4 rejected, 5 withdrawn), bits 10–12 the coaching text
 * (1 sent, 2 delivered, 3 undelivered, 4 failed).
 */
const profile = `coached::int | (delivered::int << 1) | (page_opened::int << 2)
  | (draft_used::int << 3) | ((note_hours is not null)::int << 4) | (on_time::int << 5)
  | (all_thanked::int << 6)
  | ((case outcome when 'advanced' then 1 when 'offer' then 2 when 'hired' then 3
      when 'rejected' then 4 when 'withdrawn' then 5 else 0 end) << 7)
  | ((case coaching_text when 'sent' then 1 when 'delivered' then 2 when 'undelivered' then 3
      when 'failed' then 4 else 0 end) << 10)`

const columns = `week, recruiter_id, client_company, coached, delivered, page_opened, draft_used,
  note_hours, on_time, all_thanked, outcome`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('interview_facts')
    .addColumn('coaching_text', 'text', (col) =>
      col.check(sql`coaching_text in ('sent', 'delivered', 'undelivered', 'failed')`),
    )
    .execute()
  // a column of its own, so the planner knows how few values it takes (and hashes the groups)
  await sql
    .raw(
      `alter table interview_facts add column profile integer
      generated always as (${profile}) stored`,
    )
    .execute(db)
  // the stats' range scan stays index-only with the new columns (and the id, which the count of
  // interviews still in their note window looks up)
  await sql`drop index interview_facts_range_idx`.execute(db)
  await sql
    .raw(
      `create index interview_facts_range_idx on interview_facts (agency_id, starts_at)
      include (${columns}, coaching_text, profile, interview_id) where not canceled`,
    )
    .execute(db)

  // Like refresh_interview_facts: take the rows' locks first, so the recount, a statement of its
  // own, sees every writer that committed before the lock was ours. Only this column is written:
  // refresh_interview_facts leaves it alone, so the two never undo each other.
  await sql`create function refresh_interview_text_facts(ids uuid[]) returns void
    language plpgsql as $$
    begin
      perform 1 from interview_facts
        where interview_id in (select unnest(ids)) order by interview_id for update;
      update interview_facts f set coaching_text = t.state
      from (select x.id, (select case m.state
              when 'captured' then 'sent'
              when 'sent' then 'sent'
              when 'delivered' then 'delivered'
              when 'undelivered' then 'undelivered'
              when 'failed' then 'failed'
            end
            from texts m
            where m.interview_id = x.id and m.kind = 'coaching'
            order by m.created_at desc, m.id desc
            limit 1) as state
          from unnest(ids) as x(id)) t
      where f.interview_id = t.id and f.coaching_text is distinct from t.state;
    end $$`.execute(db)

  const ofRows = {
    insert: 'select interview_id from new_rows',
    delete: 'select interview_id from old_rows',
    update: `select unnest(array[o.interview_id, n.interview_id]) from old_rows o
             join new_rows n on n.id = o.id
             where o.interview_id is distinct from n.interview_id
                or o.kind is distinct from n.kind or o.state is distinct from n.state
                or o.created_at is distinct from n.created_at`,
  }
  const referencing = {
    insert: 'new table as new_rows',
    delete: 'old table as old_rows',
    update: 'old table as old_rows new table as new_rows',
  }
  for (const [event, rows] of Object.entries(ofRows)) {
    await sql
      .raw(
        `create function texts_${event}_refresh_facts() returns trigger language plpgsql as $$
        begin
          perform refresh_interview_text_facts(array(
            select distinct x from (${rows}) as t(x) where x is not null order by 1));
          return null;
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger texts_${event}_facts after ${event} on texts
        referencing ${referencing[event as keyof typeof referencing]}
        for each statement execute function texts_${event}_refresh_facts()`,
      )
      .execute(db)
  }

  // texts queued before this migration count now
  await sql`select refresh_interview_text_facts(array(
    select distinct interview_id from texts order by 1))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger texts_${event}_facts on texts`).execute(db)
    await sql.raw(`drop function texts_${event}_refresh_facts()`).execute(db)
  }
  await sql`drop function refresh_interview_text_facts(uuid[])`.execute(db)
  await sql`drop index interview_facts_range_idx`.execute(db)
  await sql
    .raw(
      `create index interview_facts_range_idx on interview_facts (agency_id, starts_at)
      include (${columns}) where not canceled`,
    )
    .execute(db)
  await db.schema
    .alterTable('interview_facts')
    .dropColumn('profile')
    .dropColumn('coaching_text')
    .execute()
}
