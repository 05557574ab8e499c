import { sql } from 'kysely'
import { performance } from 'node:perf_hooks'
import type { Db } from '../../db/client'
import { getStats } from '../../worker/services/stats'
import { defaultBranding } from '../../worker/services/agencies'

/**
 * A generated world for the stats benchmark: `total` interviews spread over ten agencies, one of
 * which holds `ownShare` of them, each with two interviewers, a coaching email and a realistic
 * mix of delivery, page and note events, over the last 180 days. All set-based, in SQL.
 */
export async function seedStatsWorld(db: Db, total: number, ownShare = 0.1): Promise<string> {
  const agencies = await db
    .insertInto('agencies')
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        name: `Generated ${i}`,
        branding: defaultBranding,
        allowed_origins: [],
        time_zone: 'America/Chicago',
      })),
    )
    .returning('id')
    .execute()
  const target = agencies[0]!.id
  const others = agencies.slice(1).map((a) => a.id)
  const own = Math.round(total * ownShare)
  await sql`
    insert into recruiters (agency_id, external_id, name, role)
    select a.id, 'r' || g, 'Recruiter ' || g, 'recruiter'
    from agencies a cross join generate_series(1, 20) g
    where a.id in (${sql.join([target, ...others])})`.execute(db)
  await sql`
    insert into candidates (agency_id, email)
    select a.id, 'c' || g || '@' || a.id || '.example'
    from agencies a cross join generate_series(1, 2000) g
    where a.id in (${sql.join([target, ...others])})`.execute(db)
  await sql`
    with plan as (
      select g, case when g <= ${own} then ${target}::uuid
                     else (array[${sql.join(others.map((o) => sql`${o}::uuid`))}])[1 + (g % ${others.length})] end as agency_id
      from generate_series(1, ${total}) g
    ),
    r as (select agency_id, array_agg(id order by id) as ids from recruiters group by agency_id),
    c as (select agency_id, array_agg(id order by id) as ids from candidates group by agency_id)
    insert into interviews (agency_id, recruiter_id, candidate_id, candidate_name, role_title,
                            client_company, starts_at, ends_at, duration_minutes, format, created_at)
    select p.agency_id, r.ids[1 + p.g % 20], c.ids[1 + p.g % 2000], 'Candidate ' || (p.g % 2000),
           'Analyst', 'Client ' || (p.g % 40),
           now() - (p.g % 180) * interval '1 day' - (p.g % 1440) * interval '1 minute',
           now() - (p.g % 180) * interval '1 day' - (p.g % 1440) * interval '1 minute' + interval '45 minutes',
           45, 'video', now()
    from plan p join r on r.agency_id = p.agency_id join c on c.agency_id = p.agency_id`.execute(db)
  await sql`
    insert into interviewers (interview_id, position, name, note_sent_at)
    select i.id, pos, 'Interviewer ' || pos,
           case when (hashtext(i.id::text) + pos) % 3 = 0
                then i.ends_at + ((abs(hashtext(i.id::text)) % 40) * interval '1 hour') end
    from interviews i cross join generate_series(0, 1) pos`.execute(db)
  await sql`
    insert into emails (agency_id, interview_id, kind, state, next_attempt_at, attempts, sent_at)
    select agency_id, id, 'coaching', case when abs(hashtext(id::text)) % 20 = 0 then 'failed' else 'sent' end,
           starts_at, 1, ends_at
    from interviews`.execute(db)
  await sql`
    insert into events (agency_id, interview_id, type, occurred_at)
    select i.agency_id, i.id, t.type, i.ends_at + interval '1 hour'
    from interviews i
    cross join (values ('delivered', 10), ('page_opened', 6), ('copied', 4)) as t(type, per10)
    where abs(hashtext(i.id::text || t.type)) % 10 < t.per10`.execute(db)
  await sql`analyze`.execute(db)
  return target
}

/**
 * The same totals computed the naive way: every row of the range fetched into JavaScript and
 * counted in loops. What the indexed aggregate replaces.
 */
export async function naiveTotals(db: Db, agencyId: string, from: Date, to: Date) {
  const interviews = await db
    .selectFrom('interviews')
    .select(['id', 'ends_at'])
    .where('agency_id', '=', agencyId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .execute()
  const ids = interviews.map((i) => i.id)
  const coached = new Set<string>()
  const facts = new Map<string, Set<string>>()
  const firstNote = new Map<string, number>()
  const allThanked = new Map<string, boolean>()
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000)
    const [mail, events, people] = await Promise.all([
      db
        .selectFrom('emails')
        .select(['interview_id', 'state', 'kind'])
        .where('interview_id', 'in', chunk)
        .execute(),
      db
        .selectFrom('events')
        .select(['interview_id', 'type'])
        .where('interview_id', 'in', chunk)
        .execute(),
      db
        .selectFrom('interviewers')
        .select(['interview_id', 'note_sent_at'])
        .where('interview_id', 'in', chunk)
        .execute(),
    ])
    for (const m of mail)
      if (m.kind !== 'reminder' && (m.state === 'sent' || m.state === 'captured'))
        coached.add(m.interview_id)
    for (const e of events)
      facts.set(e.interview_id, (facts.get(e.interview_id) ?? new Set()).add(e.type))
    for (const p of people) {
      const t = p.note_sent_at?.getTime()
      if (t !== undefined)
        firstNote.set(p.interview_id, Math.min(firstNote.get(p.interview_id) ?? t, t))
      allThanked.set(p.interview_id, (allThanked.get(p.interview_id) ?? true) && t !== undefined)
    }
  }
  let sent = 0
  let onTime = 0
  let delivered = 0
  for (const i of interviews) {
    if (!coached.has(i.id)) continue
    if (facts.get(i.id)?.has('delivered')) delivered++
    const first = firstNote.get(i.id)
    if (first !== undefined) {
      sent++
      if (first <= i.ends_at.getTime() + 86_400_000) onTime++
    }
  }
  return { interviews: interviews.length, coached: coached.size, delivered, sent, onTime }
}

export async function timeIt(run: () => Promise<unknown>, n: number) {
  await run()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(n / 2)]!, p95: times[Math.min(n - 1, Math.floor(n * 0.95))]! }
}

/** Our stats (the service the route runs) against the naive totals, on the same data. */
export async function benchStats(db: Db, agencyId: string, runs: number) {
  const to = new Date()
  const from = new Date(to.getTime() - 90 * 86_400_000)
  const query = {
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
  }
  const ours = await getStats(db, { agencyId, ownRecruiterId: null }, query)
  const naive = await naiveTotals(db, agencyId, new Date(`${query.from}T00:00:00-06:00`), to)
  const oursTime = await timeIt(() => getStats(db, { agencyId, ownRecruiterId: null }, query), runs)
  const naiveTime = await timeIt(
    () => naiveTotals(db, agencyId, from, to),
    Math.max(3, Math.floor(runs / 3)),
  )
  return {
    ours: oursTime,
    naive: naiveTime,
    interviewsInRange: ours.totals.interviews,
    naiveInterviews: naive.interviews,
  }
}
