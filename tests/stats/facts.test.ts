import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutgoingMessage } from '../../db/schema'
import type { Mailer, SendOutcome } from '../../worker/email/mailer'
import { ApiError } from '../../worker/errors'
import { inTransaction } from '../../worker/lib/transaction'
import { drainOutbox } from '../../worker/outbox/send'
import { enqueueResend } from '../../worker/outbox/enqueue'
import { createAgency, getAgency, updateAgency } from '../../worker/services/agencies'
import { recordCandidateEvent, recordPageOpened } from '../../worker/services/candidate-events'
import { linkTokenFor } from '../../worker/services/coaching-links'
import { recordProviderEvent } from '../../worker/services/email-events'
import { eraseCandidate, forgetExpiredInterviews } from '../../worker/services/erasure'
import { changeInterview, markInterviewCanceled } from '../../worker/services/interview-changes'
import { createInterview } from '../../worker/services/interviews'
import { compactStatsDays } from '../../worker/services/interview-facts'
import { setOutcome } from '../../worker/services/outcomes'
import { upsertRecruiter } from '../../worker/services/recruiters'
import { drainTexts } from '../../worker/sms/send'
import type { OutgoingText, Texter, TextOutcome } from '../../worker/sms/twilio'
import { recordTextStatus } from '../../worker/sms/webhook-events'
import { unsubscribeCandidate } from '../../worker/services/unsubscribe'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { LINK_SECRET } from '../support/harness'
import { expectDaysCurrent, expectFactsCurrent } from '../support/stats-from-scratch'

// interview_facts is kept by triggers on every table a fact is read from, texts included. Here random sequences
// of what happens to interviews, each through the service the app runs for it, must leave the
// facts equal to the same facts computed from scratch after every step. FACTS_RUNS sets the
// number of sequences.

// CI: 1,000 in the real-Postgres pass, where a sequence takes about half the time it takes on the
// embedded engine (0.13 s against 0.24), and 200 in the embedded pass
const ciRuns = process.env.TEST_DATABASE_URL ? 1_000 : 200
const runs = Number(process.env.FACTS_RUNS ?? (process.env.CI === 'true' ? ciRuns : 60))
const minute = 60_000
const day = 24 * 60 * minute

/** Mail whose every send answers as the test says: accepted, refused for now, or refused. */
class SteeredMailer implements Mailer {
  readonly captures = false
  answer: 'ok' | 'retry' | 'fail' = 'ok'
  private sent = 0
  private outcome(count: number): SendOutcome {
    if (this.answer === 'ok') {
      return { ok: true, providerIds: Array.from({ length: count }, () => `p-${++this.sent}`) }
    }
    const retryable = this.answer === 'retry'
    return { ok: false, ambiguous: false, retryable, retryAfterSeconds: null, error: 'refused' }
  }
  async send(_message: OutgoingMessage) {
    return this.outcome(1)
  }
  async sendBatch(messages: OutgoingMessage[]) {
    return this.outcome(messages.length)
  }
}

/** Twilio whose every call answers as the test says, with sids unique to the sequence. */
class SteeredTexter implements Texter {
  readonly captures = false
  readonly sender = 'MG-facts'
  answer: 'ok' | 'retry' | 'fail' = 'ok'
  private sent = 0
  constructor(private readonly prefix: string) {}
  async send(_text: OutgoingText): Promise<TextOutcome> {
    if (this.answer === 'ok') return { ok: true, sid: `SM${this.prefix}-${++this.sent}` }
    const retryable = this.answer === 'retry'
    return {
      ok: false,
      ambiguous: false,
      retryable,
      retryAfterSeconds: null,
      optedOut: false,
      error: 'refused',
    }
  }
  async findSent() {
    return null
  }
}

const pick = fc.nat({ max: 99 })
const logged = fc.record({
  kind: fc.constant('log' as const),
  candidate: fc.nat({ max: 2 }),
  recruiter: fc.option(fc.nat({ max: 1 })),
  interviewers: fc.integer({ min: 1, max: 3 }),
  startsIn: fc.integer({ min: -13 * 24 * 60, max: 3 * 24 * 60 }),
})
const step = fc.oneof(
  { arbitrary: logged, weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      answer: fc.constantFrom('ok' as const, 'ok' as const, 'retry' as const, 'fail' as const),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      answer: fc.constantFrom('ok' as const, 'ok' as const, 'retry' as const, 'fail' as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('textStatus' as const),
      interview: pick,
      status: fc.constantFrom('sent', 'delivered', 'delivered', 'undelivered', 'failed'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('provider' as const),
      interview: pick,
      type: fc.constantFrom(
        'email.delivered',
        'email.delivered',
        'email.bounced',
        'email.complained',
        'email.opened',
      ),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('candidate' as const),
      interview: pick,
      interviewer: pick,
      type: fc.constantFrom(
        'page_opened' as const,
        'copied' as const,
        'mail_opened' as const,
        'sent' as const,
        'sent' as const,
        'unsent' as const,
      ),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('reschedule' as const),
      interview: pick,
      shift: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
      interviewers: fc.option(fc.integer({ min: 1, max: 3 })),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), interview: pick }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('outcome' as const),
      interview: pick,
      stage: fc.constantFrom('advanced', 'offer', 'hired', 'rejected', 'withdrawn'),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('resend' as const), interview: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('erase' as const), candidate: pick }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('unsubscribe' as const), interview: pick }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('retention' as const) }), weight: 1 },
  // the cron folding the per-day counts writes appended
  { arbitrary: fc.record({ kind: fc.constant('compact' as const) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('timeZone' as const),
      timeZone: fc.constantFrom('America/Chicago', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'),
    }),
    weight: 1,
  },
)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

let world: TestDatabase
beforeAll(async () => {
  world = await createTestDatabase()
})
afterAll(() => world?.close())

/** Skips what the app refuses (a 409 for a re-send too soon, say): refusing changes nothing. */
async function unlessRefused(work: () => Promise<unknown>) {
  try {
    await work()
  } catch (err) {
    if (!(err instanceof ApiError)) throw err
  }
}

/** Runs one sequence on a fresh agency, checking the facts after every step, then deletes it. */
async function runSequence(steps: Step[]) {
  const db = world.db
  const { agency } = await inTransaction(db, (trx) =>
    createAgency(trx, {
      name: 'Facts',
      sendQuotas: { agencyPerDay: 1_000, recruiterPerHour: 1_000 },
      sms: { enabled: true, quietHours: { start: '00:00', end: '00:00' } },
    }),
  )
  const recruiters = await Promise.all(
    [0, 1].map(async (i) => {
      const input = { externalId: `r${i}`, name: `Recruiter ${i}`, role: 'recruiter' as const }
      return (await upsertRecruiter(db, agency.id, input)).recruiter.id
    }),
  )
  const mailer = new SteeredMailer()
  const texter = new SteeredTexter(agency.id)
  const emails = [0, 1, 2].map((i) => `person${i}-${agency.id}@example.org`)
  // the first two candidates agreed to texts; the third gave no number
  const phones = ['+447700900001', '+447700900002', null]
  const interviews: string[] = []
  let now = new Date()
  let receipt = 0
  const nth = (i: number) => interviews[i % interviews.length]!
  const viewer = { agencyId: agency.id, ownRecruiterId: null }
  const mailing = () => ({ now, publicUrl: 'https://ft.example', fromAddress: 'ft@example.org' })
  const interviewRow = (id: string) =>
    db.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  try {
    for (const s of steps) {
      now = new Date(now.getTime() + 11 * minute)
      if (s.kind === 'log') {
        // a few interviews per sequence, so the steps after land on each often
        if (interviews.length >= 3) continue
        const created = await inTransaction(db, async (trx) =>
          createInterview(
            trx,
            await getAgency(trx, agency.id),
            { sessionRecruiterId: s.recruiter === null ? null : recruiters[s.recruiter]! },
            {
              candidate: {
                name: 'Casey',
                email: emails[s.candidate]!,
                ...(phones[s.candidate] ? { phone: phones[s.candidate]!, smsConsent: true } : {}),
              },
              roleTitle: 'Analyst',
              clientCompany: `Client ${s.interviewers}`,
              startsAt: new Date(now.getTime() + s.startsIn * minute).toISOString(),
              durationMinutes: 45,
              format: 'video',
              interviewers: Array.from({ length: s.interviewers }, (_, i) => ({
                name: `Person ${i}`,
              })),
            },
            mailing(),
          ),
        ).catch((err) => (err instanceof ApiError ? null : Promise.reject(err)))
        if (created) interviews.push(created.interview.id)
      } else if (s.kind === 'send') {
        mailer.answer = s.answer
        await drainOutbox(db, mailer, new Date(now.getTime() + 7 * day), {
          linkSecret: LINK_SECRET,
          maxCalls: 2,
          callsPerSecond: 1_000,
        })
      } else if (s.kind === 'text') {
        texter.answer = s.answer
        await drainTexts(db, texter, new Date(now.getTime() + 7 * day), {
          linkSecret: LINK_SECRET,
          statusCallback: null,
          maxCalls: 2,
          callsPerSecond: 1_000,
        })
      } else if (s.kind === 'compact') {
        await compactStatsDays(db)
      } else if (s.kind === 'retention') {
        await forgetExpiredInterviews(db, new Date(now.getTime() + 4_000 * day))
      } else if (s.kind === 'timeZone') {
        await updateAgency(db, agency.id, { timeZone: s.timeZone })
      } else if (s.kind === 'erase') {
        await eraseCandidate(db, agency.id, emails[s.candidate % emails.length]!)
      } else if (interviews.length > 0) {
        const id = nth(s.interview)
        const row = await interviewRow(id)
        const target = {
          interviewId: id,
          agencyId: agency.id,
          candidateId: row.candidate_id,
          canceled: row.canceled_at !== null,
          language: 'en' as const,
          pageOpened: false,
        }
        if (s.kind === 'textStatus') {
          const text = await db
            .selectFrom('texts')
            .select('provider_sid')
            .where('interview_id', '=', id)
            .where('provider_sid', 'is not', null)
            .executeTakeFirst()
          await recordTextStatus(db, {
            messageSid: text?.provider_sid ?? 'SM-not-ours',
            status: s.status,
            errorCode: s.status === 'delivered' || s.status === 'sent' ? null : '30003',
          })
        } else if (s.kind === 'provider') {
          const email = await db
            .selectFrom('emails')
            .select('provider_id')
            .where('interview_id', '=', id)
            .where('provider_id', 'is not', null)
            .orderBy('created_at', 'desc')
            .executeTakeFirst()
          await recordProviderEvent(db, {
            receiptId: `receipt-${agency.id}-${++receipt}`,
            type: s.type,
            providerEmailId: email?.provider_id ?? 'not-ours',
            occurredAt: now.toISOString(),
          })
        } else if (s.kind === 'candidate' && !target.canceled) {
          const people = await db
            .selectFrom('interviewers')
            .select('id')
            .where('interview_id', '=', id)
            .orderBy('position')
            .execute()
          if (s.type === 'page_opened') await recordPageOpened(db, target, now)
          else {
            const person = people[s.interviewer % people.length]!.id
            await recordCandidateEvent(db, target, { type: s.type, interviewerId: person }, now)
          }
        } else if (s.kind === 'reschedule') {
          const startsAt = new Date(row.starts_at.getTime() + s.shift * minute).toISOString()
          const people =
            s.interviewers === null
              ? undefined
              : Array.from({ length: s.interviewers }, (_, i) => ({ name: `Other ${i}` }))
          await unlessRefused(() =>
            inTransaction(db, async (trx) =>
              changeInterview(
                trx,
                await getAgency(trx, agency.id),
                viewer,
                id,
                { startsAt, ...(people ? { interviewers: people } : {}) },
                mailing(),
              ),
            ),
          )
        } else if (s.kind === 'cancel') {
          await inTransaction(db, (trx) => markInterviewCanceled(trx, viewer, id, now))
        } else if (s.kind === 'outcome') {
          await inTransaction(db, (trx) => setOutcome(trx, agency.id, id, s.stage, now))
        } else if (s.kind === 'resend') {
          await unlessRefused(() =>
            inTransaction(db, (trx) => enqueueResend(trx, agency.id, id, now)),
          )
        } else if (s.kind === 'unsubscribe') {
          await unsubscribeCandidate(db, await linkTokenFor(LINK_SECRET, id), now)
        }
      }
      await expectFactsCurrent(db, agency.id)
      // the day counts, which sum every change since the sequence began: after a fold, and at the end
      if (s.kind === 'compact') await expectDaysCurrent(db, agency.id)
    }
    await expectDaysCurrent(db, agency.id)
  } finally {
    await db.deleteFrom('agencies').where('id', '=', agency.id).execute()
  }
  // the facts went with the interviews
  const left = await db
    .selectFrom('interview_facts')
    .select('interview_id')
    .where('agency_id', '=', agency.id)
    .execute()
  expect(left).toEqual([])
  const days = await sql`select 1 from stats_days where agency_id = ${agency.id}`.execute(db)
  expect(days.rows).toEqual([])
}

describe('interview_facts', () => {
  it(`equals the facts computed from scratch after every step (${runs} random sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(logged, fc.array(step, { maxLength: 10 }))
          .map(([first, rest]) => [first, ...rest]),
        runSequence,
      ),
      { numRuns: runs },
    )
  }, 600_000)
})
