import { expect, it } from 'vitest'
import { migrateDown, migrateToLatest } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { logInterview, pageViewsOf } from '../support/factories'
import { useAgency, useHarness } from '../support/lifecycle'

const h = useHarness()
const agency = useAgency(h)

it('keeps the earliest of page views recorded twice before views were made unique', async () => {
  const interview = await logInterview(h, agency.secretKey)
  // back to just before the migration, as a database written by an earlier release
  const names = Object.keys(migrations)
  const after = names.length - names.indexOf('2026_12_01_000300_one_page_view')
  for (let i = 0; i < after; i++) await migrateDown(h.db)
  const view = (minutesAgo: number) => ({
    agency_id: agency.id,
    interview_id: interview.id,
    type: 'page_opened' as const,
    occurred_at: new Date(Date.now() - minutesAgo * 60_000),
  })
  await h.db
    .insertInto('events')
    .values([view(5), view(30), view(10)])
    .execute()
  await migrateToLatest(h.db)
  const left = await pageViewsOf(h, interview.id)
  expect(left).toHaveLength(1)
  expect(Date.now() - left[0]!.occurred_at.getTime()).toBeGreaterThan(29 * 60_000)
  // and now a second one cannot be written
  await expect(h.db.insertInto('events').values(view(1)).execute()).rejects.toThrow(/unique/)
})
