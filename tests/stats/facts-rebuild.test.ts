import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inTransaction } from '../../worker/lib/transaction'
import { recordCandidateEvent } from '../../worker/services/candidate-events'
import { markInterviewCanceled } from '../../worker/services/interview-changes'
import { compactStatsDays, rebuildInterviewFacts } from '../../worker/services/interview-facts'
import { setOutcome } from '../../worker/services/outcomes'
import { getStats } from '../../worker/services/stats'
import { countFromFacts } from '../../worker/services/stats-facts'
import { seedStatsWorld } from '../bench/stats'
import { createTestDatabase, type TestDatabase } from '../support/database'
import {
  expectDaysCurrent,
  expectFactsCurrent,
  factsFromScratch,
} from '../support/stats-from-scratch'

// On a generated world (the bench's, small): the stats read from the day and week counts and
// interview_facts answer exactly what the same stats computed from scratch answer, for every
// breakdown and viewer; and the rebuild puts wrong facts and counts right while writes go on.

const run = promisify(execFile)
let world: TestDatabase
let agencyId: string
const now = new Date()
// (with the period before: the 120 days before those, of which the world has 30)
const query = (groupBy?: string) => ({
  from: new Date(now.getTime() - 120 * 86_400_000).toISOString().slice(0, 10),
  to: now.toISOString().slice(0, 10),
  compare: 'previous' as const,
  ...(groupBy ? { groupBy } : {}),
})

beforeAll(async () => {
  world = await createTestDatabase()
  ;({ agencyId } = await seedStatsWorld(world.db, 2_000, { ownShare: 0.5, days: 150 }))
}, 300_000)
afterAll(() => world?.close())

/** The stats from the stored facts equal the stats from scratch, every breakdown, every viewer. */
async function expectSameStats() {
  const recruiter = await world.db
    .selectFrom('recruiters')
    .select('id')
    .where('agency_id', '=', agencyId)
    .executeTakeFirstOrThrow()
  for (const ownRecruiterId of [null, recruiter.id]) {
    const viewer = { agencyId, ownRecruiterId }
    for (const groupBy of [undefined, 'week', 'client', 'week,client', 'week,client,recruiter']) {
      if (ownRecruiterId && groupBy === undefined) continue
      const stored = await getStats(world.db, viewer, query(groupBy), now)
      expect(stored.totals.interviews).toBeGreaterThan(500)
      expect(stored.previous!.totals.interviews).toBeGreaterThan(100)
      expect(stored).toEqual(
        await getStats(world.db, viewer, query(groupBy), now, countFromFacts(factsFromScratch)),
      )
    }
  }
}

/** Real writes on random interviews of the agency, one after another, until `done`. */
async function writeUntil(done: () => boolean) {
  const ids = await world.db
    .selectFrom('interviews')
    .select('id')
    .where('agency_id', '=', agencyId)
    .orderBy(sql`random()`)
    .limit(400)
    .execute()
  let writes = 0
  for (const { id } of ids) {
    if (done() && writes > 20) break
    const at = new Date()
    const person = await world.db
      .selectFrom('interviewers as p')
      .innerJoin('interviews as i', 'i.id', 'p.interview_id')
      .select(['p.id', 'i.candidate_id', 'p.note_sent_at'])
      .where('p.interview_id', '=', id)
      .executeTakeFirstOrThrow()
    const target = {
      interviewId: id,
      agencyId,
      candidateId: person.candidate_id,
      canceled: false,
      language: 'en' as const,
      pageOpened: false,
    }
    const type = person.note_sent_at ? 'unsent' : 'sent'
    if (writes % 5 === 4) {
      await inTransaction(world.db, (trx) =>
        markInterviewCanceled(trx, { agencyId, ownRecruiterId: null }, id, at),
      )
    } else if (writes % 5 === 3) {
      await inTransaction(world.db, (trx) => setOutcome(trx, agencyId, id, 'hired', at))
    } else {
      await recordCandidateEvent(world.db, target, { type, interviewerId: person.id }, at)
    }
    writes++
  }
  return writes
}

describe('stats from interview_facts', () => {
  it('answer what the stats computed from scratch answer', async () => {
    await expectFactsCurrent(world.db, agencyId)
    await expectSameStats()
  }, 300_000)

  it('sum the rows of whole weeks and the days around them, for ranges of any start and length', async () => {
    const recruiter = await world.db
      .selectFrom('recruiters')
      .select('id')
      .where('agency_id', '=', agencyId)
      .executeTakeFirstOrThrow()
    const day = (back: number) =>
      new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10)
    // a start on each day of the week; lengths short of a week, a week, and around two and four;
    // an agency-wide viewer, and a recruiter session (its own figures) for some
    for (let start = 40; start < 47; start++) {
      for (const days of [1, 6, 7, 8, 13, 14, 15, 29]) {
        for (const ownRecruiterId of [null, ...(days % 7 === 1 ? [recruiter.id] : [])]) {
          const viewer = { agencyId, ownRecruiterId }
          const range = {
            from: day(start),
            to: day(start - days + 1),
            groupBy: 'week,client',
            compare: 'previous' as const,
          }
          const stored = await getStats(world.db, viewer, range, now)
          expect(stored).toEqual(
            await getStats(world.db, viewer, range, now, countFromFacts(factsFromScratch)),
          )
        }
      }
    }
  }, 300_000)

  it('keep exact medians for notes at any time, before and after the cron folds the days', async () => {
    // notes at odd moments: minutes and seconds, some before the interview ended, some days late
    await sql`update interviewers p set note_sent_at = p.note_sent_at
        + ((abs(hashtext(p.id::text)) % 20000) - 600) * interval '1 minute'
        + (abs(hashtext(p.id::text || 's')) % 60) * interval '1 second'
      from interviews i where i.id = p.interview_id and i.agency_id = ${agencyId}
        and p.note_sent_at is not null`.execute(world.db)
    await expectSameStats()
    await expectFactsCurrent(world.db, agencyId)
    await expectDaysCurrent(world.db, agencyId)
    expect(await compactStatsDays(world.db)).toBeGreaterThan(0)
    const { rows } = await sql<{ appended: number }>`select count(*)::int as appended
      from stats_days where not compacted`.execute(world.db)
    expect(rows[0]!.appended).toBe(0)
    await expectSameStats()
    await expectDaysCurrent(world.db, agencyId)
  }, 300_000)

  it('are put right by a rebuild that runs while writes go on', async () => {
    // facts and day counts gone wrong (a bug, a restore): every coached flag flipped, and the
    // days' counts doubled behind the triggers' back
    await sql`update interview_facts set coached = not coached where agency_id = ${agencyId}`.execute(
      world.db,
    )
    await sql`insert into stats_days select * from stats_days where agency_id = ${agencyId}`.execute(
      world.db,
    )
    let rebuilt = false
    const batches: number[] = []
    const [, writes] = await Promise.all([
      rebuildInterviewFacts(world.db, {
        agencyId,
        batchSize: 100,
        onBatch: ({ interviews }) => batches.push(interviews),
      }).then(() => (rebuilt = true)),
      writeUntil(() => rebuilt),
    ])
    expect(batches.length).toBeGreaterThan(4)
    expect(writes).toBeGreaterThan(20)
    await expectFactsCurrent(world.db, agencyId)
    await expectDaysCurrent(world.db, agencyId)
    await expectSameStats()
  }, 300_000)

  it('npm run stats:rebuild rebuilds one agency with DATABASE_URL', async () => {
    await sql`update interview_facts set on_time = not on_time where agency_id = ${agencyId}`.execute(
      world.db,
    )
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'worker/cli/stats-rebuild.ts', '--agency', agencyId, '--batch', '500'],
      { env: { ...process.env, DATABASE_URL: world.url } },
    )
    expect(stdout).toMatch(/Rebuilt the facts of 1,000 interviews/)
    await expectFactsCurrent(world.db, agencyId)
    await expectDaysCurrent(world.db, agencyId)
  }, 300_000)
})
