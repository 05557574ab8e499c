import { sql } from 'kysely'
import { performance } from 'node:perf_hooks'
import type { Db } from '../../db/client'
import { getStats } from '../../worker/services/stats'
import { countFromFacts, storedFacts } from '../../worker/services/stats-facts'
import { defaultBranding } from '../../worker/services/agencies'
import { rebuildInterviewFacts } from '../../worker/services/interview-facts'
import { factsFromScratch } from '../support/stats-from-scratch'

/**
 * A generated world for the stats benchmark: `total` interviews spread over ten agencies, one of
 * which holds `ownShare` of them, each with two interviewers, a coaching email and a realistic
 * mix of delivery, page and note events, over the last `days` days. All set-based, in SQL, with
 * the facts triggers off (each statement would recount every interview); the facts are then
 * rebuilt as `npm run stats:rebuild` does, which the returned `rebuildSeconds` times.
 */
export async function seedStatsWorld(
  db: Db,
  total: number,
  { ownShare = 0.1, days = 180 } = {},
): Promise<{ agencyId: string; rebuildSeconds: number }> {
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
  const sources = ['interviews', 'interviewers', 'emails', 'events']
  for (const table of sources)
    await sql`alter table ${sql.table(table)} disable trigger user`.execute(db)
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
           now() - (p.g % ${days}) * interval '1 day' - (p.g % 1440) * interval '1 minute',
           now() - (p.g % ${days}) * interval '1 day' - (p.g % 1440) * interval '1 minute' + interval '45 minutes',
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
  for (const table of sources)
    await sql`alter table ${sql.table(table)} enable trigger user`.execute(db)
  await sql`analyze`.execute(db)
  const rebuildStart = performance.now()
  await rebuildInterviewFacts(db, { batchSize: 5_000 })
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000
  // as autovacuum would have by then: statistics, and a visibility map for index-only scans
  await sql`vacuum analyze`.execute(db)
  return { agencyId: target, rebuildSeconds }
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

/**
 * Our stats (the service the route runs, every breakdown in one request, from the per-day counts)
 * against the same service over facts computed from scratch (the query before interview_facts),
 * on the same data for the last `days` days; the answers must be equal, and equal to the stats
 * over the stored facts.
 */
export async function benchStats(db: Db, agencyId: string, days: number, runs: number) {
  const now = new Date()
  const query = {
    from: new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10),
    to: now.toISOString().slice(0, 10),
    groupBy: 'week,client,recruiter',
  }
  const viewer = { agencyId, ownRecruiterId: null }
  const ours = () => getStats(db, viewer, query, now)
  const facts = () => getStats(db, viewer, query, now, countFromFacts(storedFacts))
  const naive = () => getStats(db, viewer, query, now, countFromFacts(factsFromScratch))
  const answer = JSON.stringify(await ours())
  if (answer !== JSON.stringify(await facts()) || answer !== JSON.stringify(await naive())) {
    throw new Error('stats from the day counts differ from the same stats over interview facts')
  }
  const oursTime = await timeIt(ours, runs)
  // (seconds a run: a few runs give its p50 and p95 well enough against ours)
  const naiveTime = await timeIt(naive, Math.min(10, Math.max(3, Math.floor(runs / 20))))
  return {
    ours: oursTime,
    naive: naiveTime,
    interviewsInRange: (await ours()).totals.interviews,
  }
}
