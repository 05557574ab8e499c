import { sql, type Kysely } from 'kysely'
import * as statsDays from './2026_12_01_000400_add_stats_days'

// The same counts per week: beside its rows of a day (`span` 1), stats_days keeps rows of a whole
// ISO week (`span` 7, `day` its Monday in the agency's zone), so a range of months sums a row per
// week and key for its whole weeks, and day rows only for the days at its ends.
//
// The week rows are kept as the day rows are: each write statement appends its change to both
// (the day rows' change summed by week, in the same statement, so one snapshot sees both or
// neither); the minute's cron folds a key's rows of either span; the rebuild recounts both.

const { names, sumOf, someCount } = statsDays
const key = 'agency_id, day, recruiter_id, client_company'
const weekOf = `date_trunc('week', day::timestamp)::date`

/**
 * One statement: the rows `dayRows` selects (a key and every count, never all 0) go in as day
 * rows, and their sums by week as week rows. `before` adds common table expressions ahead.
 */
const insertBothSpans = (dayRows: string, compacted: boolean, before = '') => `
  with ${before} days as (
    insert into stats_days (span, compacted, ${key}, ${names.join(', ')})
    select 1, ${compacted}, ${key}, ${names.join(', ')} from (${dayRows}) d
    returning *
  )
  insert into stats_days (span, compacted, ${key}, ${names.join(', ')})
  select 7, ${compacted}, agency_id, ${weekOf}, recruiter_id, client_company,
    ${names.map((name) => `sum(${name})::int`).join(', ')}
  from days group by agency_id, ${weekOf}, recruiter_id, client_company
  having ${someCount(names.map((name) => `sum(${name})`))}`

/** Counts by key of rows with a `sign` (+1 or −1), the keys whose counts are all 0 left out. */
const countsOf = (rows: string, sign: string, where: string) => `
  select ${key}, ${names.map((name) => `${sumOf(sign, name)}::int as ${name}`).join(', ')}
  from (${rows}) c where ${where}
  group by ${key}
  having ${someCount(names.map((name) => sumOf(sign, name)))}`

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table stats_days add column span smallint not null default 1
    check (span in (1, 7))`.execute(db)
  await sql`drop index stats_days_range_idx`.execute(db)
  await sql`create index stats_days_range_idx on stats_days (agency_id, span, day)`.execute(db)

  // the triggers stay; their functions now append to both spans. Rows of an agency being deleted
  // are skipped (its stats_days go with it)
  const ofRows = {
    insert: 'select n.*, 1 as sign from new_rows n',
    delete: 'select o.*, -1 as sign from old_rows o',
    update: 'select n.*, 1 as sign from new_rows n union all select o.*, -1 from old_rows o',
  }
  const live = 'not c.canceled and exists (select 1 from agencies a where a.id = c.agency_id)'
  for (const [event, rows] of Object.entries(ofRows)) {
    await sql
      .raw(
        `create or replace function interview_facts_${event}_stats_days() returns trigger
        language plpgsql as $$
        begin
          ${insertBothSpans(countsOf(rows, 'c.sign', live), false)};
          return null;
        end $$`,
      )
      .execute(db)
  }

  // a key is now its span, day, recruiter and client
  await sql
    .raw(
      `create or replace function compact_stats_days(max_keys integer) returns integer
      language plpgsql as $$
      declare folded integer;
      begin
        perform pg_advisory_xact_lock(hashtext('stats_days'));
        with keys as (
          select distinct span, ${key} from stats_days where not compacted limit max_keys
        ), gone as (
          delete from stats_days s using keys k
          where s.agency_id = k.agency_id and s.span = k.span and s.day = k.day
            and s.recruiter_id is not distinct from k.recruiter_id
            and s.client_company = k.client_company
          returning s.*
        ), kept as (
          insert into stats_days (span, ${key}, compacted, ${names.join(', ')})
          select span, ${key}, true, ${names.map((name) => `sum(${name})::int`).join(', ')}
          from gone group by span, ${key}
          having ${someCount(names.map((name) => `sum(${name})`))}
          returning 1
        )
        select count(*) into folded from keys;
        return folded;
      end $$`,
    )
    .execute(db)

  await sql
    .raw(
      `create or replace function rebuild_stats_days(agency uuid) returns void
      language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext('stats_days'));
        ${insertBothSpans(
          countsOf('select * from interview_facts', '1', 'c.agency_id = agency and not c.canceled'),
          true,
          'gone as (delete from stats_days where agency_id = agency),',
        )};
      end $$`,
    )
    .execute(db)
  await sql`select rebuild_stats_days(id) from agencies`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  // the day counts as 2026_12_01_000400 made them, recounted from interview_facts
  await statsDays.down(db)
  await statsDays.up(db)
}
