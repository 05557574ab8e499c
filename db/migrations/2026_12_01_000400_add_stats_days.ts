import { sql, type Kysely } from 'kysely'

// The stats' counts per day, kept on write: `stats_days` holds, per agency, local day, recruiter
// and client, how many interviews counted for each figure, so a stats request sums a few rows per
// day instead of reading every interview in range.
//
// Writers never update a shared row: a trigger on interview_facts appends, per statement, what it
// changed (its new rows counted +1, its old rows −1, summed by key). Appends do not wait on each
// other, so busy recruiters never queue on one day's row, and the sum of a key's rows is its count
// whatever order writers commit in. compact_stats_days() (the minute's cron) folds a key's rows into
// one; rebuild_stats_days() recounts an agency from interview_facts. Both take one advisory lock and
// work in one statement, whose single snapshot sees a writer's facts and its appended rows both or
// neither.
//
// The medians need each group's times in order, which no sum gives: each row also counts its
// noted interviews per bucket of hours to the first note (`note_bucket`, generated on
// interview_facts), which tells the stats in which bucket each group's middle lies; they then read
// only the interviews of those buckets (interview_facts_note_idx) to find the exact values.

/**
 * Hours to the first note, in buckets that keep their order (so a bucket holds a run of ranks):
 * quarter hours up to 12 h, where most notes go, then hours up to 48 h, 6 h up to 5 days, days up
 * to 2 weeks, and later.
 */
const noteBucket = `case
  when note_hours is null then null
  when note_hours < 0 then 0
  when note_hours < 12 then 1 + floor(note_hours * 4)::int
  when note_hours < 48 then 49 + floor(note_hours - 12)::int
  when note_hours < 120 then 85 + floor((note_hours - 48) / 6)::int
  when note_hours < 336 then 97 + floor((note_hours - 120) / 24)::int
  else 106 end`
const noteBuckets = 107

const noted = 'coached and note_hours is not null'
const unnoted = 'coached and note_hours is null'
const advanced = `outcome in ('advanced', 'offer', 'hired')`
const offer = `outcome in ('offer', 'hired')`

// (the counts and their sums are exported for 2026_12_01_000500_add_stats_weeks, which keeps the
// same counts per week too: what a migration wrote stays as it was)

/**
 * What one interview_facts row adds to its key's counts (canceled rows add nothing), as the stats
 * read them (worker/services/stats-days.ts): every rate's numerator counts coached interviews; the
 * texts count over every interview; outcomes by whether a note went.
 */
export const counts: Record<string, string> = {
  interviews: 'true',
  coached: 'coached',
  delivered: 'coached and delivered',
  page_opened: 'coached and page_opened',
  draft_used: 'coached and draft_used',
  noted,
  on_time: 'coached and on_time',
  all_thanked: 'coached and all_thanked',
  texts_sent: `coaching_text in ('sent', 'delivered', 'undelivered')`,
  texts_delivered: `coaching_text = 'delivered'`,
  texts_failed: `coaching_text in ('undelivered', 'failed')`,
  noted_outcome: `${noted} and outcome is not null`,
  noted_advanced: `${noted} and ${advanced}`,
  noted_offer: `${noted} and ${offer}`,
  noted_hired: `${noted} and outcome = 'hired'`,
  unnoted_outcome: `${unnoted} and outcome is not null`,
  unnoted_advanced: `${unnoted} and ${advanced}`,
  unnoted_offer: `${unnoted} and ${offer}`,
  unnoted_hired: `${unnoted} and outcome = 'hired'`,
  ...Object.fromEntries(
    Array.from({ length: noteBuckets }, (_, b) => [`note_${b}`, `coached and note_bucket = ${b}`]),
  ),
}
export const names = Object.keys(counts)
const key = 'agency_id, day, recruiter_id, client_company'
/** `sum(sign * (fact)::int)` of a count, from rows with a `sign` (+1 or −1) */
export const sumOf = (sign: string, name: string) =>
  `sum(${sign} * coalesce((${counts[name]})::int, 0))`
/** every count's sum, as an int */
const sums = (sign: string) => names.map((name) => `${sumOf(sign, name)}::int`).join(',\n')
/** a key whose rows sum to nothing at all is left out */
export const someCount = (sums: string[]) => sums.map((s) => `${s} <> 0`).join(' or ')

export async function up(db: Kysely<any>): Promise<void> {
  // the interview's day in the agency's time zone, set on every write (a zone change rewrites it)
  await sql`alter table interview_facts add column day date`.execute(db)
  await sql`create function interview_facts_day() returns trigger language plpgsql as $$
    begin
      -- (an agency being deleted is gone already: its rows keep their day until they go too)
      new.day := coalesce((select (new.starts_at at time zone a.time_zone)::date
        from agencies a where a.id = new.agency_id), new.day);
      return new;
    end $$`.execute(db)
  await sql`create trigger interview_facts_day before insert or update on interview_facts
    for each row execute function interview_facts_day()`.execute(db)
  await sql`update interview_facts f set day = (f.starts_at at time zone a.time_zone)::date
    from agencies a where a.id = f.agency_id`.execute(db)
  await sql`alter table interview_facts alter column day set not null`.execute(db)
  await sql
    .raw(
      `alter table interview_facts add column note_bucket smallint
      generated always as (${noteBucket}) stored`,
    )
    .execute(db)
  await sql`create index interview_facts_note_idx
    on interview_facts (agency_id, note_bucket, starts_at)
    include (note_hours, recruiter_id, client_company, week)
    where not canceled and coached and note_hours is not null`.execute(db)

  await sql
    .raw(
      `create table stats_days (
        agency_id uuid not null references agencies (id) on delete cascade,
        day date not null,
        recruiter_id uuid,
        client_company text not null,
        -- false: appended by a write, not yet folded into its key's row
        compacted boolean not null default false,
        ${names.map((name) => `${name} integer not null`).join(',\n')})`,
    )
    .execute(db)
  await sql`create index stats_days_range_idx on stats_days (agency_id, day)`.execute(db)
  await sql`create index stats_days_appended_idx on stats_days (agency_id, day)
    where not compacted`.execute(db)

  // Appends what a statement changed, by key. Rows of an agency being deleted are skipped (its
  // stats_days go with it).
  const appendFrom = (rows: string) => `
    insert into stats_days (${key}, ${names.join(', ')})
    select ${key}, ${sums('c.sign')}
    from (${rows}) c
    where not c.canceled and exists (select 1 from agencies a where a.id = c.agency_id)
    group by ${key}
    having ${someCount(names.map((name) => sumOf('c.sign', name)))}`
  const ofRows = {
    insert: 'select n.*, 1 as sign from new_rows n',
    delete: 'select o.*, -1 as sign from old_rows o',
    update: 'select n.*, 1 as sign from new_rows n union all select o.*, -1 from old_rows o',
  }
  const referencing = {
    insert: 'new table as new_rows',
    delete: 'old table as old_rows',
    update: 'old table as old_rows new table as new_rows',
  }
  for (const [event, rows] of Object.entries(ofRows)) {
    await sql
      .raw(
        `create function interview_facts_${event}_stats_days() returns trigger
        language plpgsql as $$
        begin
          ${appendFrom(rows)};
          return null;
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger interview_facts_${event}_stats_days after ${event} on interview_facts
        referencing ${referencing[event as keyof typeof referencing]}
        for each statement execute function interview_facts_${event}_stats_days()`,
      )
      .execute(db)
  }

  // Folds the appended rows of up to `max_keys` keys into one row each; returns the keys folded.
  await sql
    .raw(
      `create function compact_stats_days(max_keys integer) returns integer
      language plpgsql as $$
      declare folded integer;
      begin
        perform pg_advisory_xact_lock(hashtext('stats_days'));
        with keys as (
          select distinct ${key} from stats_days where not compacted limit max_keys
        ), gone as (
          delete from stats_days s using keys k
          where s.agency_id = k.agency_id and s.day = k.day
            and s.recruiter_id is not distinct from k.recruiter_id
            and s.client_company = k.client_company
          returning s.*
        ), kept as (
          insert into stats_days (${key}, compacted, ${names.join(', ')})
          select ${key}, true, ${names.map((name) => `sum(${name})::int`).join(', ')}
          from gone group by ${key}
          having ${someCount(names.map((name) => `sum(${name})`))}
          returning 1
        )
        select count(*) into folded from keys;
        return folded;
      end $$`,
    )
    .execute(db)

  // Recounts an agency's rows from interview_facts (npm run stats:rebuild).
  await sql
    .raw(
      `create function rebuild_stats_days(agency uuid) returns void language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext('stats_days'));
        with gone as (delete from stats_days where agency_id = agency)
        insert into stats_days (${key}, compacted, ${names.join(', ')})
        select ${key}, true, ${sums('1')}
        from interview_facts where agency_id = agency and not canceled
        group by ${key};
      end $$`,
    )
    .execute(db)
  await sql`select rebuild_stats_days(id) from agencies`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function rebuild_stats_days(uuid)`.execute(db)
  await sql`drop function compact_stats_days(integer)`.execute(db)
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger interview_facts_${event}_stats_days on interview_facts`).execute(db)
    await sql.raw(`drop function interview_facts_${event}_stats_days()`).execute(db)
  }
  await sql`drop table stats_days`.execute(db)
  await sql`drop index interview_facts_note_idx`.execute(db)
  await sql`alter table interview_facts drop column note_bucket`.execute(db)
  await sql`drop trigger interview_facts_day on interview_facts`.execute(db)
  await sql`drop function interview_facts_day()`.execute(db)
  await sql`alter table interview_facts drop column day`.execute(db)
}
