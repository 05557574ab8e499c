import { sql, type RawBuilder } from 'kysely'
import { expect } from 'vitest'
import type { Db } from '../../db/client'
import type { CoachingTextFact } from '../../db/schema'
import { noteDeadlineSql } from '../../worker/lib/note-window'
import {
  coachingEmailOf,
  isCoached,
  type CoachingEmailStatus,
} from '../../worker/services/coaching-status'
import { startsInRange, storedFacts, type FactsSource } from '../../worker/services/stats-facts'
import { wallClock } from '../../worker/lib/wall-clock'

/**
 * How far the latest coaching text of interview `alias` got, as the stats count it: 'sent' once
 * Twilio took it or it was captured, then 'delivered' or 'undelivered' as Twilio reports, or
 * 'failed'; null while it waits or when none is to go: the oracle for what interview_facts keeps
 * (db/migrations/2026_12_01_000200_add_text_facts.ts).
 */
function coachingTextOf(alias: string): RawBuilder<CoachingTextFact | null> {
  return sql<CoachingTextFact | null>`(select case m.state
      when 'captured' then 'sent'
      when 'sent' then 'sent'
      when 'delivered' then 'delivered'
      when 'undelivered' then 'undelivered'
      when 'failed' then 'failed'
    end
    from texts m
    where m.interview_id = ${sql.ref(`${alias}.id`)} and m.kind = 'coaching'
    order by m.created_at desc, m.id desc
    limit 1)`
}

/**
 * The stats' facts recomputed from the source tables at query time, the way `GET /v1/stats`
 * computed them before interview_facts: the coaching email as the interview shows it
 * (services/coaching-status.ts), the events and notes by index probes per interview. The
 * property test's oracle for the stored facts, and the bench's baseline.
 */
export const factsFromScratch: FactsSource = (db, agencyId, range, tz) => {
  const hasEvent = (types: string[]) =>
    sql<boolean>`exists (select 1 from events v where v.interview_id = s.id and v.type in (${sql.join(types)}))`
  const coached = isCoached(sql.ref<CoachingEmailStatus>('coaching_email'))
  return (
    db
      // materialized: computed once per interview, however many FILTER clauses read each fact
      .with(
        (cte) => cte('raw').materialized(),
        (qb) =>
          qb
            .selectFrom('interviews as s')
            .leftJoinLateral(
              (eb) =>
                eb
                  .selectFrom('interviewers as p')
                  .select([
                    sql<Date | null>`min(p.note_sent_at)`.as('first_note_at'),
                    sql<boolean | null>`bool_and(p.note_sent_at is not null)`.as('all_thanked'),
                  ])
                  .whereRef('p.interview_id', '=', 's.id')
                  .as('n'),
              (join) => join.onTrue(),
            )
            .select([
              's.id as interview_id',
              's.starts_at',
              's.recruiter_id',
              's.client_company',
              's.ends_at',
              's.outcome',
              // ISO weeks start on Monday, here in the agency's local time
              sql<Date>`date_trunc('week', s.starts_at at time zone ${tz})::date`.as('week'),
              coachingEmailOf('s').as('coaching_email'),
              coachingTextOf('s').as('coaching_text'),
              hasEvent(['page_opened']).as('page_opened'),
              hasEvent(['copied', 'mail_opened']).as('draft_used'),
              'n.first_note_at',
              sql<boolean>`coalesce(n.all_thanked, false)`.as('all_thanked'),
            ])
            .where('s.agency_id', '=', agencyId)
            .where('s.canceled_at', 'is', null)
            .where(startsInRange('s.starts_at', range, tz)),
      )
      .with('scratch_facts', (qb) =>
        qb
          .selectFrom('raw')
          .select([
            'interview_id',
            'starts_at',
            'recruiter_id',
            'client_company',
            'week',
            coached.as('coached'),
            sql<boolean>`coaching_email = 'delivered'`.as('delivered'),
            'page_opened',
            'draft_used',
            sql<number | null>`extract(epoch from first_note_at - ends_at)::float8 / 3600`.as(
              'note_hours',
            ),
            sql<boolean>`coalesce(first_note_at <= ${noteDeadlineSql(sql.ref<Date>('ends_at'))}, false)`.as(
              'on_time',
            ),
            'all_thanked',
            'outcome',
            'coaching_text',
          ]),
      )
      // the facts packed into one integer, as interview_facts.profile is generated
      .with('facts', (qb) =>
        qb
          .selectFrom('scratch_facts')
          .selectAll()
          .select(
            sql<number>`coached::int | (delivered::int << 1) | (page_opened::int << 2)
            | (draft_used::int << 3) | ((note_hours is not null)::int << 4) | (on_time::int << 5)
            | (all_thanked::int << 6)
            | ((case outcome when 'advanced' then 1 when 'offer' then 2 when 'hired' then 3
                when 'rejected' then 4 when 'withdrawn' then 5 else 0 end) << 7)
            | ((case coaching_text when 'sent' then 1 when 'delivered' then 2
                when 'undelivered' then 3 when 'failed' then 4 else 0 end) << 10)`.as('profile'),
          ),
      ) as
      // the steps before are this query's own; what the figures read is `facts`
      unknown as ReturnType<FactsSource>
  )
}

async function timeZoneOf(db: Db, agencyId: string) {
  const agency = await db
    .selectFrom('agencies')
    .select('time_zone')
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow()
  return agency.time_zone
}

/**
 * Asserts that the agency's interview_facts are what its interviews, notes, emails and events say
 * now: every interview has its row, canceled as the interview is, and every other row equals the
 * same facts computed from scratch.
 */
export async function expectFactsCurrent(db: Db, agencyId: string) {
  const tz = await timeZoneOf(db, agencyId)
  const always = { from: '2000-01-01', to: '2099-12-31' }
  const rowsOf = (source: FactsSource) =>
    source(db, agencyId, always, tz)
      .selectFrom('facts')
      .selectAll()
      .orderBy('interview_id')
      .execute()
  expect(await rowsOf(storedFacts)).toEqual(await rowsOf(factsFromScratch))
  const { rows } = await sql<{ missing: number; wrongly_canceled: number }>`
    select count(*) filter (where f.interview_id is null)::int as missing,
      count(*) filter (where (i.canceled_at is not null) <> f.canceled)::int as wrongly_canceled
    from interviews i left join interview_facts f on f.interview_id = i.id
    where i.agency_id = ${agencyId}`.execute(db)
  expect(rows[0]).toEqual({ missing: 0, wrongly_canceled: 0 })
}

/** Hours to a first note in the buckets stats_days counts them by (migration 2026_12_01_000400). */
function noteBucketOf(hours: number): number {
  const steps = (from: number, to: number, step: number) =>
    Array.from({ length: (to - from) / step }, (_, i) => from + i * step)
  // quarter hours to 12 h, hours to 48 h, 6 h to 5 days, days to 2 weeks
  const edges = [...steps(0, 12, 0.25), ...steps(12, 48, 1), ...steps(48, 120, 6)]
  edges.push(...steps(120, 336, 24), 336)
  return edges.filter((edge) => hours >= edge).length
}

/**
 * Asserts that the agency's counts per day and per week (stats_days, however many rows writes
 * appended) sum, per span, day, recruiter and client, to what its facts say: each count worked
 * out here in TypeScript, the local day from the agency's time zone. It reads the stored facts,
 * so a caller checks those against the facts computed from scratch first (expectFactsCurrent).
 */
/** `weeks: false` checks a database before 2026_12_01_000500, whose rows are all days */
export async function expectDaysCurrent(db: Db, agencyId: string, { weeks = true } = {}) {
  const tz = await timeZoneOf(db, agencyId)
  const facts = await storedFacts(db, agencyId, { from: '2000-01-01', to: '2099-12-31' }, tz)
    .selectFrom('facts')
    .selectAll()
    .execute()
  const expected = new Map<string, Record<string, number>>()
  for (const f of facts) {
    const day = wallClock(tz, new Date(f.starts_at)).date
    // its day's row and its ISO week's (the week's Monday)
    const date = new Date(day)
    const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000)
    const spans = [[1, day] as const, [7, monday.toISOString().slice(0, 10)] as const]
    const rows = spans.slice(0, weeks ? 2 : 1).map(([span, start]) => {
      const key = JSON.stringify([span, start, f.recruiter_id, f.client_company])
      let c = expected.get(key)
      if (!c) expected.set(key, (c = {}))
      return c
    })
    const add = (name: string, yes: boolean) => {
      for (const c of rows) c[name] = (c[name] ?? 0) + (yes ? 1 : 0)
    }
    const noted = f.coached && f.note_hours !== null
    const unnoted = f.coached && f.note_hours === null
    const text = f.coaching_text
    add('interviews', true)
    add('coached', f.coached)
    add('delivered', f.coached && f.delivered)
    add('page_opened', f.coached && f.page_opened)
    add('draft_used', f.coached && f.draft_used)
    add('noted', noted)
    add('on_time', f.coached && f.on_time)
    add('all_thanked', f.coached && f.all_thanked)
    add('texts_sent', text === 'sent' || text === 'delivered' || text === 'undelivered')
    add('texts_delivered', text === 'delivered')
    add('texts_failed', text === 'undelivered' || text === 'failed')
    for (const [side, on] of [
      ['noted', noted],
      ['unnoted', unnoted],
    ] as const) {
      add(`${side}_outcome`, on && f.outcome !== null)
      add(`${side}_advanced`, on && ['advanced', 'offer', 'hired'].includes(f.outcome ?? ''))
      add(`${side}_offer`, on && ['offer', 'hired'].includes(f.outcome ?? ''))
      add(`${side}_hired`, on && f.outcome === 'hired')
    }
    for (let b = 0; b < 107; b++) add(`note_${b}`, noted && noteBucketOf(f.note_hours!) === b)
  }
  const names = [
    ...['interviews', 'coached', 'delivered', 'page_opened', 'draft_used', 'noted', 'on_time'],
    ...['all_thanked', 'texts_sent', 'texts_delivered', 'texts_failed'],
    ...['noted', 'unnoted'].flatMap((side) =>
      ['outcome', 'advanced', 'offer', 'hired'].map((what) => `${side}_${what}`),
    ),
    ...Array.from({ length: 107 }, (_, b) => `note_${b}`),
  ]
  const { rows } = await sql<Record<string, number> & { key: string }>`
    select json_build_array(${sql.raw(weeks ? 'span' : '1')}, to_char(day, 'YYYY-MM-DD'),
        recruiter_id, client_company)::text as key,
      ${sql.raw(names.map((n) => `sum(${n})::int as ${n}`).join(', '))}
    from stats_days where agency_id = ${agencyId}
    group by ${sql.raw(weeks ? 'span, ' : '')}day, recruiter_id, client_company`.execute(db)
  const stored = new Map(
    rows
      .map(({ key, ...counts }) => [JSON.stringify(JSON.parse(key)), counts] as const)
      .filter(([, counts]) => Object.values(counts).some((n) => n !== 0)),
  )
  expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expected))
}
