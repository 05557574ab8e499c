import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emailHash } from '../../worker/services/suppressions'
import {
  countRows,
  createCoachedInterview,
  emailState,
  suppressionsOf,
} from '../support/coaching-fixtures'
import { createAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'
import { newWebhookSecret, signSvixPayload, svixHeaders } from '../support/svix'

const secret = newWebhookSecret()

let h: Harness
beforeAll(async () => {
  h = await startHarness({ RESEND_WEBHOOK_SECRET: secret })
})
afterAll(() => h?.close())

function resendEvent(type: string, emailId: string, to = 'candidate@example.com') {
  return JSON.stringify({
    type,
    created_at: '2026-11-23T10:15:00.000Z',
    data: {
      email_id: emailId,
      from: 'Agency <coach@followthrough.test>',
      to: [to],
      subject: 'Your interview at Acme',
      ...(type === 'email.bounced'
        ? { bounce: { type: 'Permanent', message: 'mailbox does not exist' } }
        : {}),
    },
  })
}

function deliver(body: string, headers: Record<string, string>) {
  return h.request('POST', '/webhooks/resend', { rawBody: body, headers })
}

function signedDelivery(body: string, id = `msg_${randomUUID()}`) {
  return deliver(body, svixHeaders(secret, id, body))
}

/** A coached interview and Resend's report of `type` about its sent email, with a fresh svix id. */
async function reportOf(type: string) {
  const agency = await createAgency(h)
  const coached = await createCoachedInterview(h, agency)
  return { agency, coached, body: resendEvent(type, coached.providerId), id: `msg_${randomUUID()}` }
}

/** A coached interview whose sent email Resend then reports as `type`, the report taken. */
async function reportedAs(type: string) {
  const { agency, coached, body, id } = await reportOf(type)
  const res = await signedDelivery(body, id)
  expect(res.status, res.text).toBe(200)
  return { agency, coached, res }
}

async function eventsOf(emailId: string) {
  return h.db
    .selectFrom('events')
    .select(['type', 'interview_id', 'agency_id', 'occurred_at'])
    .where('email_id', '=', emailId)
    .execute()
}

describe('POST /webhooks/resend', () => {
  it('records a signed delivery as a delivered event at the time Resend reports', async () => {
    const { agency, coached, res } = await reportedAs('email.delivered')
    expect(res.body).toEqual({ ok: true, result: 'recorded' })
    expect(await eventsOf(coached.emailId)).toEqual([
      {
        type: 'delivered',
        interview_id: coached.interviewId,
        agency_id: agency.id,
        occurred_at: new Date('2026-11-23T10:15:00.000Z'),
      },
    ])
    expect(await emailState(h, coached.queuedEmailId)).toBe('queued')
  })

  it('suppresses a bounced address and cancels the mail still queued for that candidate', async () => {
    const { agency, coached } = await reportedAs('email.bounced')
    expect((await eventsOf(coached.emailId)).map((e) => e.type)).toEqual(['bounced'])
    const suppressions = await suppressionsOf(h, agency.id)
    expect(suppressions).toEqual([
      { email_hash: await emailHash(coached.candidateEmail), reason: 'bounced' },
    ])
    expect(await emailState(h, coached.queuedEmailId)).toBe('canceled')
    expect(await emailState(h, coached.emailId)).toBe('sent')
  })

  it('treats a complaint like a bounce, with its own reason', async () => {
    const { agency, coached } = await reportedAs('email.complained')
    const [row] = await suppressionsOf(h, agency.id)
    expect(row?.reason).toBe('complained')
    expect(await emailState(h, coached.queuedEmailId)).toBe('canceled')
  })

  it('never stores the payload, which carries the address', async () => {
    const agency = await createAgency(h)
    const coached = await createCoachedInterview(h, agency)
    await signedDelivery(resendEvent('email.bounced', coached.providerId, coached.candidateEmail))
    const dump = JSON.stringify(
      await Promise.all([
        h.db.selectFrom('webhook_receipts').selectAll().execute(),
        h.db.selectFrom('events').selectAll().execute(),
        h.db.selectFrom('suppressions').selectAll().execute(),
      ]),
    )
    expect(dump).not.toContain(coached.candidateEmail)
    expect(dump).not.toContain('mailbox does not exist')
  })

  it('refuses unsigned, mis-signed, stale and altered deliveries without writing anything', async () => {
    const { coached, body, id } = await reportOf('email.bounced')
    const now = Math.floor(Date.now() / 1000)
    const valid = svixHeaders(secret, id, body)
    const { 'svix-signature': _, ...unsigned } = valid
    const cases: [string, string, Record<string, string>][] = [
      ['no svix headers', body, { 'content-type': 'application/json' }],
      ['no signature', body, unsigned],
      ['another secret', body, svixHeaders(newWebhookSecret(), id, body)],
      ['garbage signature', body, { ...valid, 'svix-signature': 'v1,not-base64!!' }],
      [
        'signature of another version',
        body,
        { ...valid, 'svix-signature': valid['svix-signature']!.replace('v1,', 'v2,') },
      ],
      ['6 minutes old', body, svixHeaders(secret, id, body, now - 6 * 60)],
      ['6 minutes ahead', body, svixHeaders(secret, id, body, now + 6 * 60)],
      ['timestamp changed after signing', body, { ...valid, 'svix-timestamp': String(now - 1) }],
      ['id changed after signing', body, { ...valid, 'svix-id': `msg_${randomUUID()}` }],
      ['body changed after signing', body.replace('email.bounced', 'email.delivered'), valid],
    ]
    const before = await countRows(h)
    for (const [name, sent, headers] of cases) {
      const res = await deliver(sent, headers)
      expect(res.status, name).toBe(401)
      expect(res.body.error.code, name).toBe('unauthorized')
    }
    expect(await countRows(h)).toEqual(before)
    expect(await emailState(h, coached.queuedEmailId)).toBe('queued')
  })

  it('accepts a delivery signed with any one of several signatures (secret rotation)', async () => {
    const { body, id } = await reportOf('email.delivered')
    const now = Math.floor(Date.now() / 1000)
    const old = signSvixPayload(newWebhookSecret(), id, now, body)
    const res = await deliver(body, {
      ...svixHeaders(secret, id, body, now),
      'svix-signature': `${old} ${signSvixPayload(secret, id, now, body)}`,
    })
    expect(res.status, res.text).toBe(200)
  })

  it('acts on a redelivery with the same svix-id only once', async () => {
    const { coached, body, id } = await reportOf('email.delivered')
    expect((await signedDelivery(body, id)).body.result).toBe('recorded')
    const before = await countRows(h)
    const again = await signedDelivery(body, id)
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ ok: true, result: 'duplicate' })
    expect(await countRows(h)).toEqual(before)
    expect(await eventsOf(coached.emailId)).toHaveLength(1)
  })

  it('answers 400 for a signed body that is not JSON or not a Resend event', async () => {
    const before = await countRows(h)
    for (const body of [
      '{"type": "email.delivered", ',
      '[]',
      JSON.stringify({ type: 'email.delivered', created_at: '2026-11-23T10:15:00Z', data: {} }),
      JSON.stringify({ created_at: '2026-11-23T10:15:00Z', data: { email_id: 'x' } }),
    ]) {
      const res = await signedDelivery(body)
      expect(res.status, body).toBe(400)
      expect(res.body.error.code, body).toBe('validation_failed')
    }
    expect(await countRows(h)).toEqual(before)
  })

  it('acknowledges an email it never sent, keeping only the receipt', async () => {
    const before = await countRows(h)
    const res = await signedDelivery(resendEvent('email.bounced', randomUUID()))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, result: 'unknown_email' })
    expect(await countRows(h)).toEqual({ ...before, receipts: before.receipts + 1 })
  })

  it('acknowledges event types it does not track, and ones without an email', async () => {
    const agency = await createAgency(h)
    const coached = await createCoachedInterview(h, agency)
    const before = await countRows(h)
    const sent = await signedDelivery(resendEvent('email.sent', coached.providerId))
    expect(sent.body).toEqual({ ok: true, result: 'ignored' })
    const contact = await signedDelivery(
      JSON.stringify({
        type: 'contact.created',
        created_at: '2026-11-23T10:15:00Z',
        data: { id: 'c1' },
      }),
    )
    expect(contact.status, contact.text).toBe(200)
    expect(contact.body.result).toBe('ignored')
    expect(await countRows(h)).toEqual({ ...before, receipts: before.receipts + 2 })
  })

  it('refuses a body over 256 KB', async () => {
    const body = JSON.stringify({
      type: 'email.delivered',
      created_at: '2026-11-23T10:15:00Z',
      data: { email_id: randomUUID(), padding: 'x'.repeat(257 * 1024) },
    })
    const res = await signedDelivery(body)
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })
})

describe('POST /webhooks/resend without a configured secret', () => {
  let bare: Harness
  beforeAll(async () => {
    bare = await startHarness()
  })
  afterAll(() => bare?.close())

  it('answers 503 and writes nothing', async () => {
    const body = resendEvent('email.delivered', randomUUID())
    const res = await bare.request('POST', '/webhooks/resend', {
      rawBody: body,
      headers: svixHeaders(secret, `msg_${randomUUID()}`, body),
    })
    expect(res.status).toBe(503)
    expect(res.body.error.code).toBe('unavailable')
    expect((await countRows(bare)).receipts).toBe(0)
  })
})
