import { sql, type Kysely } from 'kysely'
import { onePer, ts } from './common'

// What the stats count about each interview, kept beside it: one row per interview, rewritten in
// the same transaction as any write that changes one of its facts, so a stats request reads one
// index range instead of recomputing every fact of every interview in range.
//
// refresh_interview_facts(ids) is the one definition of the facts. Its coaching email follows
// worker/services/coaching-status.ts (what an interview shows); tests/stats/facts.test.ts checks
// that the two agree. Triggers on every table a fact is read from call it for the interviews a
// statement touched; `npm run stats:rebuild` calls it for an agency's interviews in batches.

/** The tables a fact is read from, the column naming the interview, and the columns read. */
const sources = {
  interviews: {
    id: 'id',
    columns: [
      'agency_id',
      'starts_at',
      'ends_at',
      'canceled_at',
      'recruiter_id',
      'client_company',
      'outcome',
    ],
  },
  interviewers: { id: 'interview_id', columns: ['note_sent_at'] },
  emails: { id: 'interview_id', columns: ['kind', 'state', 'created_at'] },
  events: { id: 'interview_id', columns: ['type'] },
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('interview_facts')
    .$call(onePer('interview_id', 'interviews'))
    .addColumn('agency_id', 'uuid', (col) => col.notNull())
    .addColumn('starts_at', ts, (col) => col.notNull())
    // the Monday of its week in the agency's time zone (a change of zone rewrites it)
    .addColumn('week', 'date', (col) => col.notNull())
    // a canceled interview never took place: the stats leave it out
    .addColumn('canceled', 'boolean', (col) => col.notNull())
    .addColumn('recruiter_id', 'uuid', (col) =>
      col.references('recruiters.id').onDelete('set null'),
    )
    .addColumn('client_company', 'text', (col) => col.notNull())
    // the coaching email reached the candidate (sent, captured or delivered); then delivered
    .addColumn('coached', 'boolean', (col) => col.notNull())
    .addColumn('delivered', 'boolean', (col) => col.notNull())
    .addColumn('page_opened', 'boolean', (col) => col.notNull())
    // the candidate copied the draft or opened it in their mail app
    .addColumn('draft_used', 'boolean', (col) => col.notNull())
    // hours from the interview's end to the first note marked sent; null: no note sent
    .addColumn('note_hours', 'float8')
    // the first note was sent within 24 hours of the end (lib/note-window.ts)
    .addColumn('on_time', 'boolean', (col) => col.notNull())
    .addColumn('all_thanked', 'boolean', (col) => col.notNull())
    .addColumn('outcome', 'text')
    .execute()
  // the stats' one range scan: every column they read is in the index (an index-only scan)
  await sql`create index interview_facts_range_idx
    on interview_facts (agency_id, starts_at)
    include (week, recruiter_id, client_company, coached, delivered, page_opened, draft_used,
             note_hours, on_time, all_thanked, outcome)
    where not canceled`.execute(db)

  await sql`create function refresh_interview_facts(ids uuid[]) returns void
    language plpgsql as $$
    begin
      -- Writers of one interview take turns on its row, and each statement of a plpgsql function
      -- sees what committed before it started: once the lock is ours, every earlier writer has
      -- committed, so the recount below includes their writes as well as this transaction's.
      perform 1 from interview_facts
        where interview_id in (select unnest(ids)) order by interview_id for update;
      insert into interview_facts as f (
        interview_id, agency_id, starts_at, week, canceled, recruiter_id, client_company, coached,
        delivered, page_opened, draft_used, note_hours, on_time, all_thanked, outcome)
      select s.id, s.agency_id, s.starts_at,
        date_trunc('week', s.starts_at at time zone a.time_zone)::date,
        s.canceled_at is not null, s.recruiter_id,
        s.client_company,
        m.email in ('sent', 'captured', 'delivered'),
        m.email = 'delivered',
        exists (select 1 from events v where v.interview_id = s.id and v.type = 'page_opened'),
        exists (select 1 from events v
                where v.interview_id = s.id and v.type in ('copied', 'mail_opened')),
        extract(epoch from n.first_note_at - s.ends_at)::float8 / 3600,
        coalesce(n.first_note_at <= s.ends_at + interval '24 hours', false),
        coalesce(n.all_thanked, false),
        s.outcome
      from interviews s
      join agencies a on a.id = s.agency_id
      -- how far the coaching emails got, as services/coaching-status.ts says
      cross join lateral (select coalesce(
        (select case
            when bool_or(v.type in ('bounced', 'complained')) then 'bounced'
            when bool_or(v.type = 'delivered') then 'delivered'
          end
          from events v
          where v.interview_id = s.id and v.type in ('delivered', 'bounced', 'complained')),
        (select case e.state
            when 'sent' then 'sent'
            when 'captured' then 'captured'
            when 'failed' then 'failed'
            when 'skipped' then 'suppressed'
            when 'canceled' then 'suppressed'
            else 'queued'
          end
          from emails e
          where e.interview_id = s.id and e.kind in ('coaching', 'resend')
          order by
            case when e.state in ('sent', 'captured') then 0
                 when e.state in ('queued', 'sending') then 1 else 2 end,
            e.created_at desc,
            e.id desc
          limit 1),
        'failed') as email) m
      -- note_sent_at is the note's current state: an undone "I sent it" no longer counts
      cross join lateral (
        select min(p.note_sent_at) as first_note_at,
               bool_and(p.note_sent_at is not null) as all_thanked
        from interviewers p where p.interview_id = s.id) n
      where s.id in (select unnest(ids))
      on conflict (interview_id) do update set
        agency_id = excluded.agency_id, starts_at = excluded.starts_at, week = excluded.week,
        canceled = excluded.canceled, recruiter_id = excluded.recruiter_id,
        client_company = excluded.client_company, coached = excluded.coached,
        delivered = excluded.delivered, page_opened = excluded.page_opened,
        draft_used = excluded.draft_used, note_hours = excluded.note_hours,
        on_time = excluded.on_time, all_thanked = excluded.all_thanked,
        outcome = excluded.outcome
      -- a write that changes no fact (a retry's attempt count, say) leaves the row alone
      where row(f.*) is distinct from row(excluded.*);
    end $$`.execute(db)

  // One trigger per table and kind of write, once per statement: the rows it wrote (transition
  // tables), narrowed on update to those whose fact columns changed, name the interviews to
  // recount. (Every source table's primary key is `id`, which pairs an update's old and new rows.)
  for (const [table, { id, columns }] of Object.entries(sources)) {
    const changed = columns.map((c) => `o.${c} is distinct from n.${c}`).join(' or ')
    const keyChanged = id === 'id' ? 'false' : `o.${id} is distinct from n.${id}`
    const ofRows = {
      insert: `select ${id} from new_rows`,
      delete: `select ${id} from old_rows`,
      update: `select unnest(array[o.${id}, n.${id}]) from old_rows o
               join new_rows n on n.id = o.id
               where ${keyChanged} or ${changed}`,
    }
    for (const [event, rows] of Object.entries(ofRows)) {
      if (table === 'interviews' && event === 'delete') continue // its facts go with it
      const fn = `${table}_${event}_refresh_facts`
      await sql
        .raw(
          `create function ${fn}() returns trigger language plpgsql as $$
          begin
            perform refresh_interview_facts(array(
              select distinct x from (${rows}) as t(x) where x is not null order by 1));
            return null;
          end $$`,
        )
        .execute(db)
      const referencing = {
        insert: 'new table as new_rows',
        delete: 'old table as old_rows',
        update: 'old table as old_rows new table as new_rows',
      }[event]
      await sql
        .raw(
          `create trigger ${table}_${event}_facts after ${event} on ${table}
          referencing ${referencing} for each statement execute function ${fn}()`,
        )
        .execute(db)
    }
  }

  // the weeks follow the agency's time zone
  await sql`create function agencies_time_zone_refresh_facts() returns trigger
    language plpgsql as $$
    begin
      update interview_facts
        set week = date_trunc('week', starts_at at time zone new.time_zone)::date
        where agency_id = new.id;
      return null;
    end $$`.execute(db)
  await sql`create trigger agencies_time_zone_facts after update of time_zone on agencies
    for each row when (old.time_zone is distinct from new.time_zone)
    execute function agencies_time_zone_refresh_facts()`.execute(db)

  // interviews logged before this migration get their facts now
  await sql`select refresh_interview_facts(array(select id from interviews))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of Object.keys(sources)) {
    for (const event of ['insert', 'update', 'delete']) {
      if (table === 'interviews' && event === 'delete') continue
      await sql.raw(`drop trigger ${table}_${event}_facts on ${table}`).execute(db)
      await sql.raw(`drop function ${table}_${event}_refresh_facts()`).execute(db)
    }
  }
  await sql`drop trigger agencies_time_zone_facts on agencies`.execute(db)
  await sql`drop function agencies_time_zone_refresh_facts()`.execute(db)
  await sql`drop function refresh_interview_facts(uuid[])`.execute(db)
  await db.schema.dropTable('interview_facts').execute()
}
