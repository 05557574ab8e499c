import { Resend } from 'resend'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeResend, type FakeResend } from '../support/fake-resend'

// The fake is only worth something if the real SDK accepts its answers, so every case goes
// through `resend` itself, as the worker's mailer will.

let fake: FakeResend
let resend: Resend
beforeAll(async () => {
  fake = await startFakeResend()
  resend = new Resend('re_test_key', { baseUrl: fake.url })
})
afterAll(() => fake?.close())
beforeEach(() => fake.reset())

function coachingEmail(to: string, subject = 'Your interview at Acme: thank-you notes') {
  return {
    from: 'Followthrough <coach@followthrough.test>',
    to,
    subject,
    html: '<p>Write to each interviewer today.</p>',
    text: 'Write to each interviewer today.',
  }
}

describe('POST /emails', () => {
  it('records the email with its headers, tags and reply-to, and the call', async () => {
    const { data, error } = await resend.emails.send({
      ...coachingEmail('ana@example.com'),
      replyTo: 'recruiter@agency.test',
      headers: { 'List-Unsubscribe': '<https://followthrough.test/u/abc>' },
      tags: [{ name: 'kind', value: 'coaching' }],
    })

    expect(error).toBeNull()
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(fake.sent).toHaveLength(1)
    expect(fake.sent[0]).toMatchObject({
      id: data?.id,
      from: 'Followthrough <coach@followthrough.test>',
      to: ['ana@example.com'],
      replyTo: ['recruiter@agency.test'],
      subject: 'Your interview at Acme: thank-you notes',
      text: 'Write to each interviewer today.',
      headers: { 'List-Unsubscribe': '<https://followthrough.test/u/abc>' },
      tags: [{ name: 'kind', value: 'coaching' }],
      idempotencyKey: null,
      batchIndex: null,
    })
    expect(fake.calls).toHaveLength(1)
    expect(fake.calls[0]).toMatchObject({ method: 'POST', path: '/emails', status: 200 })
    expect(fake.calls[0]?.headers.authorization).toBe('Bearer re_test_key')
  })

  it('refuses a call without an API key, in the error shape the SDK parses', async () => {
    const res = await fetch(`${fake.url}/emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(coachingEmail('ana@example.com')),
    })

    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' })
    expect(fake.sent).toHaveLength(0)
  })

  it('refuses an email without a recipient', async () => {
    const { to: _to, ...withoutTo } = coachingEmail('ana@example.com')
    const { data, error } = await resend.emails.send(withoutTo as never)

    expect(data).toBeNull()
    expect(error).toMatchObject({ statusCode: 422, name: 'missing_required_field' })
    expect(fake.sent).toHaveLength(0)
  })
})

describe('POST /emails/batch', () => {
  it('records a batch of 3 in order and answers one id per email', async () => {
    const emails = ['a@example.com', 'b@example.com', 'c@example.com'].map((to) =>
      coachingEmail(to),
    )
    const { data, error } = await resend.batch.send(emails)

    expect(error).toBeNull()
    expect(data?.data).toHaveLength(3)
    expect(fake.sent.map((email) => email.to[0])).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ])
    expect(fake.sent.map((email) => email.id)).toEqual(data?.data.map((item) => item.id))
    expect(fake.sent.map((email) => email.batchIndex)).toEqual([0, 1, 2])
    expect(fake.calls[0]).toMatchObject({ path: '/emails/batch', batchSize: 3, status: 200 })
  })

  it('refuses a batch of 101 and records none of it', async () => {
    const emails = Array.from({ length: 101 }, (_, i) => coachingEmail(`c${i}@example.com`))
    const { data, error } = await resend.batch.send(emails)

    expect(data).toBeNull()
    expect(error).toMatchObject({ statusCode: 422, name: 'validation_error' })
    expect(fake.sent).toHaveLength(0)
    expect(fake.calls[0]).toMatchObject({ batchSize: 101, status: 422 })
  })
})

describe('idempotency', () => {
  it('replays the first answer for the same key and body, and sends once', async () => {
    const email = coachingEmail('ana@example.com')
    const first = await resend.emails.send(email, { idempotencyKey: 'coaching/interview-1' })
    const again = await resend.emails.send(email, { idempotencyKey: 'coaching/interview-1' })

    expect(first.error).toBeNull()
    expect(again.data?.id).toBe(first.data?.id)
    expect(fake.sent).toHaveLength(1)
    expect(fake.sent[0]?.idempotencyKey).toBe('coaching/interview-1')
    expect(fake.calls.map((call) => call.status)).toEqual([200, 200])
  })

  it('answers 409 for the same key with another body, and sends nothing more', async () => {
    await resend.emails.send(coachingEmail('ana@example.com'), { idempotencyKey: 'k-1' })
    const { data, error } = await resend.emails.send(coachingEmail('bo@example.com'), {
      idempotencyKey: 'k-1',
    })

    expect(data).toBeNull()
    expect(error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' })
    expect(fake.sent.map((email) => email.to[0])).toEqual(['ana@example.com'])
  })

  it('keys a batch as a whole', async () => {
    const batch = [coachingEmail('a@example.com'), coachingEmail('b@example.com')]
    const first = await resend.batch.send(batch, { idempotencyKey: 'reminders/2026-07-01' })
    const again = await resend.batch.send(batch, { idempotencyKey: 'reminders/2026-07-01' })
    const changed = await resend.batch.send(batch.slice(0, 1), {
      idempotencyKey: 'reminders/2026-07-01',
    })

    expect(again.data?.data).toEqual(first.data?.data)
    expect(changed.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' })
    expect(fake.sent).toHaveLength(2)
  })

  it('lets a key through again after a failed call with it', async () => {
    fake.failNext({ status: 500 })
    const failed = await resend.emails.send(coachingEmail('ana@example.com'), {
      idempotencyKey: 'k-retry',
    })
    const retried = await resend.emails.send(coachingEmail('ana@example.com'), {
      idempotencyKey: 'k-retry',
    })

    expect(failed.error?.statusCode).toBe(500)
    expect(retried.error).toBeNull()
    expect(fake.sent).toHaveLength(1)
  })
})

describe('failures on demand', () => {
  it('fails the next call with a 500, records nothing, then sends', async () => {
    fake.failNext({ status: 500 })
    const failed = await resend.emails.send(coachingEmail('ana@example.com'))
    const ok = await resend.emails.send(coachingEmail('ana@example.com'))

    expect(failed.data).toBeNull()
    expect(failed.error).toEqual({
      statusCode: 500,
      name: 'internal_server_error',
      message: 'An unexpected error occurred.',
    })
    expect(ok.error).toBeNull()
    expect(fake.sent).toHaveLength(1)
    expect(fake.calls.map((call) => call.status)).toEqual([500, 200])
  })

  it('rate-limits with a retry-after header the caller can read', async () => {
    fake.failNext({ status: 429, retryAfter: 2 })
    const { data, error, headers } = await resend.emails.send(coachingEmail('ana@example.com'))

    expect(data).toBeNull()
    expect(error).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' })
    expect(headers?.['retry-after']).toBe('2')
    expect(fake.sent).toHaveLength(0)
  })

  it('turns a body that is not JSON into an application_error with the status', async () => {
    fake.failNext({ status: 502, rawBody: '<html>Bad gateway</html>' })
    const { error } = await resend.emails.send(coachingEmail('ana@example.com'))

    expect(error).toMatchObject({ statusCode: 502, name: 'application_error' })
  })

  it('hangs until the caller gives up, and records nothing', async () => {
    fake.failNext({ hang: true })
    const started = Date.now()
    const { data, error, headers } = await resend.emails.send(coachingEmail('ana@example.com'), {
      signal: AbortSignal.timeout(200),
    })

    // the SDK has no timeout of its own and does not throw on abort: it answers a fetch error
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(data).toBeNull()
    expect(headers).toBeNull()
    expect(error).toMatchObject({ statusCode: null, name: 'application_error' })
    expect(fake.sent).toHaveLength(0)
    expect(fake.calls[0]?.status).toBeNull()
  })

  it('drops a hanging connection after the given time', async () => {
    fake.failNext({ hang: true, ms: 50 })
    const { error } = await resend.emails.send(coachingEmail('ana@example.com'))

    expect(error).toMatchObject({ statusCode: null, name: 'application_error' })
    expect(fake.sent).toHaveLength(0)
  })

  it('sends but answers late, so a retry with the same key must not send twice', async () => {
    fake.failNext({ delayMs: 500 })
    const gaveUp = await resend.emails.send(coachingEmail('ana@example.com'), {
      idempotencyKey: 'coaching/interview-2',
      signal: AbortSignal.timeout(100),
    })
    const retried = await resend.emails.send(coachingEmail('ana@example.com'), {
      idempotencyKey: 'coaching/interview-2',
    })

    expect(gaveUp.error?.statusCode).toBeNull()
    expect(retried.data?.id).toBe(fake.sent[0]?.id)
    expect(fake.sent).toHaveLength(1)
  })

  it('fails every call while down, and sends again once up', async () => {
    fake.down({ status: 503 })
    const first = await resend.emails.send(coachingEmail('ana@example.com'))
    const second = await resend.batch.send([coachingEmail('bo@example.com')])
    fake.up()
    const after = await resend.emails.send(coachingEmail('ana@example.com'))

    expect(first.error?.statusCode).toBe(503)
    expect(second.error?.statusCode).toBe(503)
    expect(after.error).toBeNull()
    expect(fake.sent).toHaveLength(1)
  })
})

describe('waitForEmails', () => {
  it('resolves once enough emails arrived', async () => {
    const waiting = fake.waitForEmails(2, 2_000)
    void resend.emails.send(coachingEmail('a@example.com'))
    void resend.emails.send(coachingEmail('b@example.com'))

    expect(await waiting).toHaveLength(2)
  })

  it('rejects after the timeout, saying how many came', async () => {
    await resend.emails.send(coachingEmail('a@example.com'))

    await expect(fake.waitForEmails(2, 100)).rejects.toThrow('1 of 2 emails')
  })
})
