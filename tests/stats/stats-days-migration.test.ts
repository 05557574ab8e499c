import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { migrateDown, migrateToLatest } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { getStats } from '../../worker/services/stats'
import { countFromFacts } from '../../worker/services/stats-facts'
import { coachingLinkOf, logInterview } from '../support/factories'
import { useAgency, useHarness } from '../support/lifecycle'
import {
  expectDaysCurrent,
  expectFactsCurrent,
  factsFromScratch,
} from '../support/stats-from-scratch'

const h = useHarness()
const agency = useAgency(h)

const hour = 3_600_000

/** Logs an interview and waits for its coaching email, sent after the response: counts stand still */
async function logSettled(hoursAgo: number, client: string) {
  const { id } = await logInterview(h, agency.secretKey, {
    clientCompany: client,
    startsAt: new Date(Date.now() - hoursAgo * hour).toISOString(),
  })
  await coachingLinkOf(h, id)
}

/** Facts, day and week counts current, and the stats over them those computed from scratch */
async function expectStatsCurrent() {
  await expectFactsCurrent(h.db, agency.id)
  await expectDaysCurrent(h.db, agency.id)
  const viewer = { agencyId: agency.id, ownRecruiterId: null }
  const query = { groupBy: 'week,client,recruiter' }
  const stats = await getStats(h.db, viewer, query)
  expect(stats).toEqual(
    await getStats(h.db, viewer, query, new Date(), countFromFacts(factsFromScratch)),
  )
  return stats
}

it('counts the days of interviews logged before the day counts existed', async () => {
  // back to just before the migration, as a database written by an earlier release
  const names = Object.keys(migrations)
  const after = names.length - names.indexOf('2026_12_01_000400_add_stats_days')
  for (let i = 0; i < after; i++) await migrateDown(h.db)
  await logSettled(30, 'Acme')
  await logSettled(50, 'Acme')
  await logSettled(80, 'Globex')
  // notes marked at different times, straight in the table as an earlier release would have
  await sql`update interviewers p set note_sent_at = i.ends_at + (row_number * interval '90 minutes')
    from (select id, row_number() over (order by id) from interviewers) n, interviews i
    where n.id = p.id and i.id = p.interview_id and i.agency_id = ${agency.id}`.execute(h.db)
  await migrateToLatest(h.db)
  const stats = await expectStatsCurrent()
  expect(stats.totals.interviews).toBe(3)
  expect(stats.totals.medianHoursToFirstNote).not.toBeNull()
})

it('takes the week rows out and puts them back, counting what was written between', async () => {
  await migrateToLatest(h.db) // whatever the test before left
  await logSettled(30, 'Acme')
  await logSettled(24 * 9, 'Globex')
  // down 2026_12_01_000500 alone: the day counts as 000400 keeps them, no week rows
  await migrateDown(h.db)
  const { rows } = await sql<{ n: number }>`select count(*)::int as n
    from information_schema.columns where table_name = 'stats_days' and column_name = 'span'`.execute(
    h.db,
  )
  expect(rows[0]!.n).toBe(0)
  await expectDaysCurrent(h.db, agency.id, { weeks: false })
  // written under the schema before, then up again: days and weeks of all of them
  await logSettled(24 * 13, 'Acme')
  await expectDaysCurrent(h.db, agency.id, { weeks: false })
  await migrateToLatest(h.db)
  const stats = await expectStatsCurrent()
  // the three above, and any an earlier test of this file logged
  const logged = await h.db
    .selectFrom('interviews')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agency.id)
    .executeTakeFirstOrThrow()
  expect(stats.totals.interviews).toBe(Number(logged.n))
})
