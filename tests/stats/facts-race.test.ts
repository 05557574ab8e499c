import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inTransaction } from '../../worker/lib/transaction'
import { recordCandidateEvent, recordPageOpened } from '../../worker/services/candidate-events'
import { markInterviewCanceled } from '../../worker/services/interview-changes'
import { compactStatsDays } from '../../worker/services/interview-facts'
import { setOutcome } from '../../worker/services/outcomes'
import { recordTextStatus } from '../../worker/sms/webhook-events'
import { seedStatsWorld } from '../bench/stats'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { expectDaysCurrent, expectFactsCurrent } from '../support/stats-from-scratch'

// interview_facts is kept by triggers in each writer's own transaction. Writers of one interview
// at the same moment (the candidate marking two notes on two devices, an undo, the page opening,
// the ATS's outcome, a cancel, Twilio's delivery reports) must leave its facts equal to a recount, never to whichever
// transaction happened to commit last; and the day counts they append to, folded by the cron at
// the same moment, must sum to the recount too. On a real server these run on separate
// connections.

const rounds = Number(process.env.FACTS_RACE_ROUNDS ?? 10)
let world: TestDatabase
let agencyId: string

beforeAll(async () => {
  world = await createTestDatabase()
  ;({ agencyId } = await seedStatsWorld(world.db, 60, { ownShare: 1, days: 20 }))
}, 120_000)
afterAll(() => world?.close())

describe('interview_facts under writers of one interview at the same moment', () => {
  it(`equals a recount after ${rounds} rounds of racing writes`, async () => {
    const interviews = await world.db
      .selectFrom('interviews')
      .select(['id', 'candidate_id'])
      .where('agency_id', '=', agencyId)
      .where('canceled_at', 'is', null)
      .orderBy('id')
      .limit(rounds * 3)
      .execute()
    expect(interviews.length).toBeGreaterThanOrEqual(rounds)
    for (let round = 0; round < rounds; round++) {
      const chosen = interviews.slice(round * 3, round * 3 + 3)
      const batches = await Promise.all(
        chosen.map(async ({ id, candidate_id }, n) => {
          const people = await world.db
            .selectFrom('interviewers')
            .select('id')
            .where('interview_id', '=', id)
            .execute()
          const target = {
            interviewId: id,
            agencyId,
            candidateId: candidate_id,
            canceled: false,
            language: 'en' as const,
            pageOpened: false,
          }
          const at = new Date()
          // a coaching text Twilio took, whose delivery reports arrive with the rest
          const sid = `SMrace${round}x${n}`
          await world.db
            .insertInto('texts')
            .values({
              agency_id: agencyId,
              interview_id: id,
              kind: 'coaching',
              state: 'sent',
              next_attempt_at: at,
              provider_sid: sid,
            })
            .execute()
          const report = (status: string) =>
            recordTextStatus(world.db, { messageSid: sid, status, errorCode: null })
          const mark = (type: 'sent' | 'unsent', interviewerId: string) =>
            recordCandidateEvent(world.db, target, { type, interviewerId }, at)
          return [
            // every note marked at once, the first also undone, the page opened
            ...people.map((p) => mark('sent', p.id)),
            mark('unsent', people[0]!.id),
            recordPageOpened(world.db, target, at),
            report('delivered'),
            report('undelivered'),
            inTransaction(world.db, (trx) => setOutcome(trx, agencyId, id, 'advanced', at)),
            // the cron folding the day counts as the writes append to them
            compactStatsDays(world.db),
            // and one of the three canceled meanwhile
            n === 2
              ? inTransaction(world.db, (trx) =>
                  markInterviewCanceled(trx, { agencyId, ownRecruiterId: null }, id, at),
                )
              : Promise.resolve(),
          ]
        }),
      )
      const settled = await Promise.allSettled(batches.flat())
      expect(settled.filter((s) => s.status === 'fulfilled').length).toBeGreaterThan(3)
      await expectFactsCurrent(world.db, agencyId)
      await expectDaysCurrent(world.db, agencyId)
    }
  })
})
