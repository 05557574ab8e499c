import { beforeEach, describe, expect, it } from 'vitest'
import { createAgency, interviewBody, logInterview, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import { useAgency, useFakeResend, useHarness } from '../support/lifecycle'

const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake, { RESEND_TIMEOUT_MS: '1000' }))
const agency = useAgency(h)
beforeEach(() => fake.reset())

/** The outbox row of an interview's coaching email, once no attempt is in flight. */
async function settledCoachingEmail(interviewId: string) {
  for (let i = 0; i < 100; i++) {
    const row = await h.db
      .selectFrom('emails')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .where('kind', '=', 'coaching')
      .executeTakeFirstOrThrow()
    if (row.state !== 'sending' && row.attempts > 0) return row
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the coaching email never settled')
}

async function allSettled() {
  for (let i = 0; i < 400; i++) {
    const busy = await h.db
      .selectFrom('emails')
      .select('id')
      .where('kind', '=', 'coaching')
      .where((eb) => eb.or([eb('state', '=', 'sending'), eb('attempts', '=', 0)]))
      .where('state', 'not in', ['skipped', 'canceled'])
      .execute()
    if (busy.length === 0) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('emails still in flight')
}

describe('delivery through Resend', () => {
  it('retries 500, 500, 429 then succeeds: one email, and the retry honoured Retry-After', async () => {
    fake.failNext({ status: 500 })
    fake.failNext({ status: 500 })
    fake.failNext({ status: 429, retryAfter: 300 })
    const interview = await logInterview(h, agency.secretKey)
    const first = await settledCoachingEmail(interview.id)
    expect(first).toMatchObject({ state: 'queued', attempts: 1 })

    const second = new Date(first.next_attempt_at.getTime() + 1000)
    await runCron(h, second)
    const afterSecond = await settledCoachingEmail(interview.id)
    expect(afterSecond.attempts).toBe(2)

    const third = new Date(afterSecond.next_attempt_at.getTime() + 1000)
    await runCron(h, third)
    const afterThird = await settledCoachingEmail(interview.id)
    expect(afterThird).toMatchObject({ attempts: 3, state: 'queued' })
    expect(afterThird.next_attempt_at.getTime() - third.getTime()).toBeGreaterThanOrEqual(300_000)

    // a run before Retry-After has passed leaves the provider alone
    const callsBefore = fake.calls.length
    await runCron(h, new Date(third.getTime() + 299_000))
    expect(fake.calls.length).toBe(callsBefore)

    await runCron(h, new Date(third.getTime() + 301_000))
    expect(fake.sent.filter((e) => e.to[0] === interview.candidate.email)).toHaveLength(1)
    expect(fake.calls.map((c) => c.status)).toEqual([500, 500, 429, 200])
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching).toMatchObject({ email: 'sent', emailAttempts: 4 })
  })

  it('250 interviews logged while Resend is down: one email each after recovery, batches of ≤ 100', async () => {
    fake.down({ status: 503 })
    const own = await createAgency(h)
    const emails: string[] = []
    for (let i = 0; i < 250; i++) {
      const body = interviewBody({
        candidate: { name: `Bulk ${i}`, email: `bulk${i}@example.com` },
      })
      emails.push(body.candidate.email)
      const res = await h.request('POST', '/v1/interviews', { token: own.secretKey, json: body })
      expect(res.status).toBe(201)
    }
    await allSettled()
    expect(fake.sent).toHaveLength(0)
    fake.up()

    const later = new Date(Date.now() + 10 * 60_000)
    await runCron(h, later)
    await runCron(h, new Date(later.getTime() + 60_000))
    for (const email of emails) {
      expect(
        fake.sent.filter((e) => e.to[0] === email),
        email,
      ).toHaveLength(1)
    }
    const batches = fake.calls.filter((c) => c.path === '/emails/batch' && c.status === 200)
    expect(batches.length).toBeGreaterThanOrEqual(3)
    for (const call of fake.calls) expect(call.batchSize ?? 1).toBeLessThanOrEqual(100)
  }, 120_000)

  it('an attempt that timed out after Resend took it is retried with the same key: no second email', async () => {
    fake.failNext({ delayMs: 2500 })
    const interview = await logInterview(h, agency.secretKey)
    const first = await settledCoachingEmail(interview.id)
    expect(first.state).toBe('queued')
    expect(first.send_key).toBe(`email/${first.id}`)
    expect(fake.sent).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 1600))
    await runCron(h, new Date(first.next_attempt_at.getTime() + 1000))
    const done = await settledCoachingEmail(interview.id)
    expect(done.state).toBe('sent')
    expect(fake.sent.filter((e) => e.to[0] === interview.candidate.email)).toHaveLength(1)
    expect(fake.calls.map((c) => c.headers['idempotency-key'])).toEqual([
      `email/${first.id}`,
      `email/${first.id}`,
    ])
  })

  it('gives up after the last attempt and shows the interview as not emailed', async () => {
    fake.down({ status: 500 })
    const interview = await logInterview(h, agency.secretKey)
    let row = await settledCoachingEmail(interview.id)
    for (let i = 0; i < 10 && row.state !== 'failed'; i++) {
      await runCron(h, new Date(row.next_attempt_at.getTime() + 1000))
      row = await settledCoachingEmail(interview.id)
    }
    expect(row.state).toBe('failed')
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching).toMatchObject({ email: 'failed', status: 'not_emailed' })
    expect(read.body.coaching.emailError).toMatch(/500/)
    fake.up()
  })

  it('an erasure while an attempt is in flight stays: nothing is retried, the outbox goes on', async () => {
    fake.failNext({ delayMs: 2500 })
    const erased = await logInterview(h, agency.secretKey)
    // Resend has the email; the answer will come too late
    await fake.waitForEmails(1)
    const erase = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: erased.candidate.email },
    })
    expect(erase.body).toEqual({ candidatesErased: 1, interviews: 1 })
    // the attempt ends without an answer after the erasure forgot the message
    await new Promise((r) => setTimeout(r, 1200))
    const row = await settledCoachingEmail(erased.id)
    expect(row).toMatchObject({ state: 'canceled', message: null, last_error: null })

    const other = await logInterview(h, agency.secretKey)
    await fake.waitForEmails(2)
    const run = await runCron(h, new Date(Date.now() + 10 * 60_000))
    expect(run.outcome).toBe('ok')
    await runCron(h, new Date(Date.now() + 20 * 60_000))
    expect(fake.sent.map((e) => e.to[0])).toEqual([erased.candidate.email, other.candidate.email])
  })
})

describe('hostile input', () => {
  it('escapes a candidate named <script> and keeps every header clean', async () => {
    // quotes and brackets that would open a second mailbox (an address itself is refused)
    const hostile = await createAgency(h, {
      branding: { senderName: 'Evil" <boss>, "x' },
    })
    await logInterview(h, hostile.secretKey, {
      candidate: { name: '<script>alert(1)</script>', email: 'xss@example.com' },
      roleTitle: 'Analyst <img src=x onerror=alert(2)>',
      clientCompany: '"Quotes" & <Tags> Ltd',
      interviewers: [{ name: '<b>Bold</b> Interviewer', title: 'Lead " onmouseover="x' }],
    })
    const [email] = await fake.waitForEmails(1)
    expect(email!.html).not.toMatch(/<script|<img src=x|<b>Bold/i)
    expect(email!.html).toContain('&lt;script>alert(1)&lt;/script>')
    expect(email!.text).toContain('<script>alert(1)</script>')
    for (const value of [email!.subject, email!.from, ...Object.values(email!.headers)]) {
      expect(value).not.toMatch(/[\r\n]/)
    }
    expect(email!.from).toMatch(/^"[^"<>]*" <[^<>"]+>$/)
    expect(email!.to).toEqual(['xss@example.com'])
  })
})
