import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { StatsGroupBy } from '../schemas/stats'
import { startsInRange } from './stats-facts'
import {
  addOutcome,
  bit,
  bitsOfOpen,
  emptyTallies,
  groupOf,
  type Tallies,
  type Tally,
  type TallyRequest,
} from './stats-tally'
import { previousRange, wholeWeeks } from './stats-range'
import { openWindowSql } from './stats-window'

// The stats from the counts per day and per week the writes keep (stats_days, migrations
// 2026_12_01_000400_add_stats_days.ts and 000500_add_stats_weeks.ts), in three steps whatever the
// interviews in range:
//  1. the counts of the range's whole weeks and other days, summed for the totals and every group
//     at once;
//  2. beside it, the few interviews still inside their note window (they depend on `now`);
//  3. each group's median, read from the interviews of the one or two buckets of hours-to-note
//     where the counts say its middle lies.
// A comparison with the period before (its totals and own figures) rides along in each step's
// statement, so a dashboard's request runs the same statements as one without it.

/** stats_days' counts, as the migration names them; note_0 … note_106 count noted interviews by bucket */
const counted = [
  'interviews',
  'coached',
  'delivered',
  'page_opened',
  'draft_used',
  'noted',
  'on_time',
  'all_thanked',
  'texts_sent',
  'texts_delivered',
  'texts_failed',
  'noted_outcome',
  'noted_advanced',
  'noted_offer',
  'noted_hired',
  'unnoted_outcome',
  'unnoted_advanced',
  'unnoted_offer',
  'unnoted_hired',
] as const
const noteBuckets = 107
const bucketColumns = Array.from({ length: noteBuckets }, (_, b) => `note_${b}`)

/** a group's sums: the counts in the order of `counted`, then the buckets */
type Sums = number[]
/** where each count stands in a group's sums */
const at = Object.fromEntries(counted.map((name, i) => [name, i])) as Record<
  (typeof counted)[number],
  number
>
/** where a tally stands: the range's totals, own figures or a breakdown, or the period before's */
type Scope = 'agency' | 'own' | StatsGroupBy | 'previous' | 'previousOwn'

const groupings: Record<StatsGroupBy, string> = {
  recruiter: 'recruiter_id',
  client: 'client',
  week: 'week',
}

function addSums(tally: Tally, s: Sums) {
  const c = tally.counts
  c.interviews += s[at.interviews]!
  c.coached += s[at.coached]!
  c.delivered += s[at.delivered]!
  c.pageOpened += s[at.page_opened]!
  c.draftUsed += s[at.draft_used]!
  c.sent += s[at.noted]!
  c.onTime += s[at.on_time]!
  c.fullCoverage += s[at.all_thanked]!
  c.textsSent += s[at.texts_sent]!
  c.textsDelivered += s[at.texts_delivered]!
  c.textsFailed += s[at.texts_failed]!
}

/** A tally whose median is wanted: where it stands, and its noted interviews by bucket. */
interface Wanted {
  scope: Scope
  key: string | null
  tally: Tally
  hist: number[]
}

/** A period a request counts: the range (with its breakdowns), or the period before it. */
interface Period {
  range: { from: string; to: string }
  breakdowns: StatsGroupBy[]
  earlier: boolean
}

function periodsOf(request: TallyRequest): Period[] {
  const { range, previous } = request
  // the reads below take the two periods as one span, split where `range` starts
  if (previous && previousRange(range).to !== previous.to) {
    throw new Error(`the period before ${range.from} must end the day before it`)
  }
  return [
    { range, breakdowns: request.breakdowns, earlier: false },
    ...(previous ? [{ range: previous, breakdowns: [], earlier: true }] : []),
  ]
}

/** From the range's start to its end, with the period before if asked (it ends where `range` starts). */
const spanOf = (request: TallyRequest) => ({
  from: request.previous?.from ?? request.range.from,
  to: request.range.to,
})

/** Whether an interview_facts row `f` started before `range` (in the period before it). */
const startsBefore = (request: TallyRequest) =>
  sql<boolean>`f.starts_at < (${request.range.from}::date)::timestamp at time zone ${request.timeZone}`

/**
 * The sums of one period's rows of stats_days (its whole weeks' rows of a week and the other
 * days' rows of a day) for its totals, the viewer's own and every breakdown. The sums come as one
 * JSON array a group (the counts, then the buckets), which parses much faster than 126 columns,
 * and is read by position.
 */
function sumsOf(request: TallyRequest, { range, breakdowns, earlier }: Period) {
  const own = request.ownRecruiterId
  // a row per week and key for the range's whole weeks, per day and key for the days around them
  const weeks = wholeWeeks(range)
  // a recruiter session's groups hold its own interviews: each of its sets is split by `mine`
  const split = own ? ['mine'] : []
  const sets = [
    '()',
    ...(own ? ['(mine)'] : []),
    ...breakdowns.map((name) => `(${[...split, groupings[name]].join(', ')})`),
  ]
  const which = (pick: (name: StatsGroupBy) => string) =>
    breakdowns.length === 0
      ? 'null::text'
      : `case ${breakdowns.map((name) => `when grouping(${groupings[name]}) = 0 then ${pick(name)}`).join(' ')} end`
  const keyOf: Record<StatsGroupBy, string> = {
    recruiter: 'recruiter_id::text',
    client: 'client',
    week: `to_char(week, 'YYYY-MM-DD')`,
  }
  return sql`select ${sql.raw(String(earlier))} as earlier,
      ${sql.raw(which((name) => `'${name}'`))} as breakdown,
      ${sql.raw(which((name) => keyOf[name]))} as key,
      ${sql.raw(own ? 'case when grouping(mine) = 0 then mine end' : 'null::boolean')} as mine,
      array_to_json(array[${sql.raw([...counted, ...bucketColumns].map((c) => `sum(${c})`).join(', '))}]) as sums
    from (
      select d.*, date_trunc('week', d.day::timestamp)::date as week,
        (d.client_company collate "C") as client,
        coalesce(d.recruiter_id = ${own}::uuid, false) as mine
      from stats_days d
      where d.agency_id = ${request.agencyId} and (
        (d.span = 7 and d.day >= ${weeks.from}::date and d.day < ${weeks.end}::date)
        or (d.span = 1 and d.day >= ${range.from}::date and d.day <= ${range.to}::date
          and not (d.day >= ${weeks.from}::date and d.day < ${weeks.end}::date)))
    ) d
    group by grouping sets (${sql.raw(sets.join(', '))})`
}

/** Step 1: one statement sums each period's rows for its totals and every breakdown. */
async function sumDays(db: Db, request: TallyRequest) {
  const { rows } = await sql<{
    earlier: boolean
    breakdown: StatsGroupBy | null
    key: string | null
    mine: boolean | null
    // (nulls for the totals of a period without a row)
    sums: (number | null)[]
  }>`${sql.join(
    periodsOf(request).map((period) => sumsOf(request, period)),
    sql` union all `,
  )}`.execute(db)
  return rows
}

/** Step 2: the interviews still inside their note window, counted by period, profile and group. */
async function openNow(db: Db, request: TallyRequest) {
  const { rows } = await sql<{
    earlier: boolean
    recruiter: string | null
    client: string
    week: string
    profile: number
    n: number
  }>`select ${startsBefore(request)} as earlier, f.recruiter_id::text as recruiter,
      (f.client_company collate "C") as client, to_char(f.week, 'YYYY-MM-DD') as week,
      f.profile, count(*)::int as n
    from interview_facts f
    where f.agency_id = ${request.agencyId} and not f.canceled
      and ${startsInRange('f.starts_at', spanOf(request), request.timeZone)}
      and (f.profile & ${bitsOfOpen}) = ${bit.coached}
      and ${openWindowSql('f', request.now)}
    group by 1, 2, 3, 4, 5`.execute(db)
  return rows
}

/**
 * Step 3: each tally's median, as percentile_cont(0.5) makes it (the two middle values, or the
 * one, interpolated), from only the noted interviews of the buckets the middles fall in: read in
 * one JSON value (bucket, hours, recruiter, client, week and period of each interview, for both
 * periods at once) and ranked here.
 */
async function mediansOf(db: Db, request: TallyRequest, wanted: Wanted[]) {
  // the values each tally needs, by scope, group key and bucket
  const slots = new Map<Scope, Map<string | null, Map<number, number[]>>>()
  const slotOf = (scope: Scope, key: string | null, b: number) => {
    let byKey = slots.get(scope)
    if (!byKey) slots.set(scope, (byKey = new Map()))
    let byBucket = byKey.get(key)
    if (!byBucket) byKey.set(key, (byBucket = new Map()))
    let values = byBucket.get(b)
    if (!values) byBucket.set(b, (values = []))
    return values
  }
  const buckets = new Set<number>()
  const plans = wanted.flatMap(({ scope, key, tally, hist }) => {
    const n = hist.reduce((a, b) => a + b, 0)
    if (n === 0) return []
    const position = 0.5 * (n - 1)
    const ranks = [Math.floor(position), Math.ceil(position)].map((rank) => {
      let b = 0
      while (rank >= hist[b]!) rank -= hist[b++]!
      buckets.add(b)
      return { values: slotOf(scope, key, b), rank }
    })
    return [{ tally, ranks, fraction: position - Math.floor(position) }]
  })
  if (plans.length === 0) return
  // as arrays side by side, which Postgres builds and JavaScript parses faster than an array per
  // interview (json writes a date as YYYY-MM-DD whatever the server's DateStyle); with no
  // interviews, nulls. The aggregates of one query level are fed the same rows in the same order,
  // so the i-th of each array is the same interview's
  const { rows } = await sql<{
    notes: [number[] | null, number[], (string | null)[], string[], string[], boolean[]]
  }>`
    select json_build_array(array_agg(f.note_bucket), array_agg(f.note_hours),
        array_agg(f.recruiter_id), array_agg(f.client_company), array_agg(f.week),
        array_agg(${startsBefore(request)})) as notes
    from interview_facts f
    where f.agency_id = ${request.agencyId} and not f.canceled and f.coached
      and f.note_hours is not null and f.note_bucket in (${sql.join([...buckets])})
      and ${startsInRange('f.starts_at', spanOf(request), request.timeZone)}`.execute(db)
  const own = request.ownRecruiterId
  const into = (scope: Scope, key: string | null, b: number, hours: number) =>
    slots.get(scope)?.get(key)?.get(b)?.push(hours)
  const [bucketOf, hoursOf, recruiters, clients, weeks, earlier] = rows[0]!.notes
  for (let i = 0; i < (bucketOf?.length ?? 0); i++) {
    const b = bucketOf![i]!
    const hours = hoursOf[i]!
    const recruiter = recruiters[i]!
    if (earlier[i]) {
      into('previous', null, b, hours)
      if (own && recruiter === own) into('previousOwn', null, b, hours)
      continue
    }
    into('agency', null, b, hours)
    // a recruiter session's own figures and groups hold its own interviews
    if (own && recruiter !== own) continue
    into('own', null, b, hours)
    into('recruiter', recruiter, b, hours)
    into('client', clients[i]!, b, hours)
    into('week', weeks[i]!, b, hours)
  }
  // (a typed array sorts numbers natively, without calling back for each comparison)
  const sorted = new Map<number[], Float64Array>()
  const inOrder = (values: number[]) => {
    let ordered = sorted.get(values)
    if (!ordered) sorted.set(values, (ordered = Float64Array.from(values).sort()))
    return ordered
  }
  for (const { tally, ranks, fraction } of plans) {
    const [lo, hi] = ranks.map(({ values, rank }) => inOrder(values)[rank])
    if (lo === undefined || hi === undefined) continue
    tally.median = lo + (hi - lo) * fraction
  }
}

/** The tallies from stats_days, the open interviews, and the medians' buckets. */
export async function countFromDays(db: Db, request: TallyRequest): Promise<Tallies> {
  const own = request.ownRecruiterId
  const [days, open] = await Promise.all([sumDays(db, request), openNow(db, request)])
  const tallies = emptyTallies(request)
  const previous = tallies.previous
  // each group is one row of the pass: its sums, and its buckets for the median
  const wanted: Wanted[] = []
  const add = (scope: Scope, key: string | null, tally: Tally, sums: Sums) => {
    addSums(tally, sums)
    wanted.push({ scope, key, tally, hist: sums.slice(counted.length) })
  }
  for (const { earlier, breakdown, key, mine, sums } of days) {
    // a period without a row still has its totals' row, of nulls: nothing to add
    if (sums[at.interviews] === null) continue
    const s = sums as number[]
    if (earlier) {
      // the period before has its totals, and a recruiter session's own figures
      if (mine === null) add('previous', null, previous!.agency, s)
      else if (mine) add('previousOwn', null, previous!.own!, s)
      continue
    }
    if (breakdown === null && mine === null) {
      add('agency', null, tallies.agency, s)
      const { withNote, withoutNote } = tallies.outcomes
      withNote.interviews += s[at.noted]!
      withNote.withOutcome += s[at.noted_outcome]!
      withNote.advanced += s[at.noted_advanced]!
      withNote.offer += s[at.noted_offer]!
      withNote.hired += s[at.noted_hired]!
      withoutNote.interviews += s[at.coached]! - s[at.noted]!
      withoutNote.withOutcome += s[at.unnoted_outcome]!
      withoutNote.advanced += s[at.unnoted_advanced]!
      withoutNote.offer += s[at.unnoted_offer]!
      withoutNote.hired += s[at.unnoted_hired]!
      continue
    }
    // an agency-wide viewer's rows carry no `mine`; a recruiter session's others' are left out
    if (own && mine !== true) continue
    // a day's rows can sum to nothing once their interviews moved away (a recruiter deleted)
    if (s[at.interviews] === 0) continue
    if (breakdown) add(breakdown, key, groupOf(tallies, breakdown, key), s)
    else add('own', null, tallies.own!, s)
  }
  for (const row of open) {
    if (row.earlier) {
      previous!.agency.counts.inWindow += row.n
      if (own && row.recruiter === own) previous!.own!.counts.inWindow += row.n
      continue
    }
    tallies.agency.counts.inWindow += row.n
    // an interview still in its window has no side yet: it may get its note
    addOutcome(tallies.outcomes, row.profile, -row.n)
    if (own && row.recruiter !== own) continue
    if (tallies.own) tallies.own.counts.inWindow += row.n
    for (const name of request.breakdowns)
      groupOf(tallies, name, row[name]).counts.inWindow += row.n
  }
  await mediansOf(db, request, wanted)
  return tallies
}
