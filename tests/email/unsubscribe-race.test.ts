import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { coachingEmailSettled, coachingLinkOf, logInterview, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import { useAgency, useFakeResend, useHarness } from '../support/lifecycle'

// A candidate unsubscribes at the very moment their recruiter asks for the coaching email again.
// Both lock the candidate first, so one of them comes first: either the re-send is refused, or
// it was queued before the unsubscribe, which cancels it unless it is already on its way. Never a
// deadlock (500), and nothing queued after the unsubscribe ever goes.

// the embedded engine runs one connection at a time: the full count runs on a real server
const pairs = process.env.TEST_DATABASE_URL ? 50 : 10
const batch = 10
const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))
const agency = useAgency(h)

const oneClick = {
  rawBody: 'List-Unsubscribe=One-Click',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
}

describe('deadlock → 500', () => {
  it(`${pairs} concurrent unsubscribe and re-send pairs: no 5xx, no mail after the unsubscribe`, async () => {
    const coached: { id: string; email: string; token: string }[] = []
    for (let i = 0; i < pairs; i++) {
      const interview = await logInterview(h, agency.secretKey)
      await coachingEmailSettled(h, interview.id)
      coached.push({
        id: interview.id,
        email: interview.candidate.email,
        token: await coachingLinkOf(h, interview.id),
      })
    }
    // the last email is more than ten minutes old, so a re-send is allowed
    await sql`update emails set created_at = now() - interval '11 minutes'
              where agency_id = ${agency.id}`.execute(h.db)
    fake.reset()

    const outcomes: { email: string; unsubscribe: number; resend: number }[] = []
    for (let start = 0; start < pairs; start += batch) {
      await Promise.all(
        coached.slice(start, start + batch).map(async ({ id, email, token }) => {
          // the re-send does more before its transaction (key, interview): the unsubscribe
          // waits a varying moment so that each of them comes first in some pairs
          const [unsubscribe, resend] = await Promise.all([
            new Promise((resolve) => setTimeout(resolve, Math.random() * 100)).then(() =>
              h.request('POST', `/u/${token}`, oneClick),
            ),
            h.request('POST', `/v1/interviews/${id}/resend`, { token: agency.secretKey }),
          ])
          outcomes.push({ email, unsubscribe: unsubscribe.status, resend: resend.status })
        }),
      )
    }
    expect(outcomes.filter((o) => o.unsubscribe !== 200)).toEqual([])
    expect(outcomes.filter((o) => o.resend !== 202 && o.resend !== 409)).toEqual([])

    // let the re-sends that won their race finish going out (or be canceled)
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from emails
        where agency_id = ${agency.id} and state in ('queued', 'sending') and kind = 'resend'`.execute(
        h.db,
      )
      if (rows[0]!.n === 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const sentTo = (email: string) => fake.sent.filter((e) => e.to[0] === email).length
    // a refused re-send sent nothing; an accepted one went at most once
    for (const outcome of outcomes) {
      expect(sentTo(outcome.email), outcome.email).toBeLessThanOrEqual(
        outcome.resend === 202 ? 1 : 0,
      )
    }
    const wentOut = outcomes.filter((o) => sentTo(o.email) === 1).length
    console.log(
      `unsubscribe/re-send pairs: ${outcomes.filter((o) => o.resend === 409).length} re-sends refused, ` +
        `${wentOut} on their way before the unsubscribe, ` +
        `${outcomes.filter((o) => o.resend === 202).length - wentOut} canceled by it`,
    )

    // afterwards nothing more goes to any of them: the outbox, a day on, sends nothing
    const sentBefore = fake.sent.length
    await runCron(h, new Date(Date.now() + 20 * 3_600_000))
    await runCron(h, new Date(Date.now() + 48 * 3_600_000))
    expect(fake.sent.length).toBe(sentBefore)
    const { rows: waiting } = await sql<{ n: number }>`
      select count(*)::int as n from emails
      where agency_id = ${agency.id} and state in ('queued', 'sending')`.execute(h.db)
    expect(waiting[0]!.n).toBe(0)
  }, 240_000)
})

describe('the outbox checks the person again when it claims a message', () => {
  it('cancels what was queued for an address suppressed, unsubscribed or erased since', async () => {
    const cases = ['suppressed', 'unsubscribed', 'erased'] as const
    const queued: { id: string; email: string; endsAt: Date }[] = []
    for (const _ of cases) {
      const interview = await logInterview(h, agency.secretKey, {
        startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      })
      await coachingEmailSettled(h, interview.id)
      queued.push({
        id: interview.id,
        email: interview.candidate.email,
        endsAt: new Date(interview.endsAt),
      })
    }
    // each change lands as if it raced a message being queued: the reminders stay queued
    const [suppressed, unsubscribed, erased] = queued
    await sql`insert into suppressions (agency_id, email_hash, reason)
              values (${agency.id}, encode(sha256(convert_to(${suppressed!.email}, 'UTF8')), 'hex'), 'bounced')`.execute(
      h.db,
    )
    await sql`update candidates set unsubscribed_at = now()
              where email = ${unsubscribed!.email}`.execute(h.db)
    await sql`update candidates set email = null, erased_at = now()
              where email = ${erased!.email}`.execute(h.db)
    fake.reset()

    await runCron(h, new Date(suppressed!.endsAt.getTime() + 18 * 3_600_000 + 60_000))
    expect(fake.sent).toEqual([])
    const states = await h.db
      .selectFrom('emails')
      .select(['state'])
      .where('kind', '=', 'reminder')
      .where(
        'interview_id',
        'in',
        queued.map((q) => q.id),
      )
      .execute()
    expect(states.map((s) => s.state)).toEqual(cases.map(() => 'canceled'))
  })
})
