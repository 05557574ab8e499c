import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { renewLease } from '../../worker/sms/claim'
import { createAgency, interviewBody, logInterview, runCron } from '../support/factories'
import { twilioSignature } from '../support/fake-twilio'
import {
  createWebhookIntegration,
  deliver,
  eventInterview,
  inboundEvent,
} from '../support/integrations'
import {
  eventually,
  phoneNumber,
  textingAgency,
  textsOf,
  twilioWebhookUrl,
  useTexting,
} from './support'

// Texts end to end: sending, replies, webhooks and forgetting. One file, so one worker and
// database serve them all (starting them costs more than the tests).
const [twilio, h] = useTexting({ TWILIO_TIMEOUT_MS: '500' })
const minute = 60_000
const hhmm = (at: Date) => at.toISOString().slice(11, 16)

/** An interview whose coaching is due now, for a candidate with this number and consent. */
function withPhone(phone: string, smsConsent = true, overrides: Record<string, unknown> = {}) {
  const body = interviewBody(overrides)
  return { ...body, candidate: { ...body.candidate, phone, smsConsent } }
}

describe('the coaching text', () => {
  it('goes once, in one segment, to a candidate who agreed, and follows its delivery', async () => {
    const agency = await textingAgency(h, {}, { name: 'Northwind Careers' })
    const phone = phoneNumber()
    const interview = await logInterview(h, agency.secretKey, withPhone(phone))
    const [message] = await twilio.waitForMessages(1)
    expect(message).toMatchObject({
      to: phone,
      messagingServiceSid: twilio.messagingServiceSid,
      status: 'accepted',
      numSegments: 1,
      statusCallback: twilioWebhookUrl,
    })
    expect(message!.body).toMatch(
      /^Northwind Careers: a short thank-you to each interviewer helps: http:\/\/followthrough\.test\/c\/[A-Za-z0-9_-]{32} Reply STOP to opt out$/,
    )
    expect(message!.body.length).toBeLessThanOrEqual(160)
    // the link in the text opens the candidate's page
    const token = message!.body.match(/\/c\/([A-Za-z0-9_-]{32})/)![1]
    expect((await h.request('GET', `/c/${token}`)).status).toBe(200)

    const read = () =>
      h.request('GET', `/v1/interviews/${interview.id}`, { token: agency.secretKey })
    const sent = await eventually(read, (r) => r.body.coaching.text?.status === 'sent')
    expect(sent.body.coaching.text).toMatchObject({ status: 'sent', error: null })
    expect(sent.body.coaching.email).toBe('captured')

    const delivered = await twilio.statusCallback(message!, 'delivered', h.baseUrl)
    expect(delivered.status).toBe(200)
    expect((await read()).body.coaching.text.status).toBe('delivered')
    // a late 'sent' never moves it back
    await twilio.statusCallback(message!, 'sent', h.baseUrl)
    expect((await read()).body.coaching.text.status).toBe('delivered')
    expect(twilio.messages).toHaveLength(1)
  })

  it('is counted in the stats beside the email: sent, delivered, failed', async () => {
    const agency = await textingAgency(h)
    const phones = [phoneNumber(), phoneNumber(), phoneNumber()]
    for (const phone of phones) await logInterview(h, agency.secretKey, withPhone(phone))
    // and one candidate without a number
    await logInterview(h, agency.secretKey)
    const messages = await twilio.waitForMessages(3)
    const to = (phone: string) => messages.find((m) => m.to === phone)!
    const stats = async () =>
      (await h.request('GET', '/v1/stats', { token: agency.secretKey })).body.totals
    const allSent = await eventually(stats, (t) => t.texts.sent === 3)
    expect(allSent).toMatchObject({ interviews: 4, texts: { sent: 3, delivered: 0, failed: 0 } })
    await twilio.statusCallback(to(phones[0]!), 'delivered', h.baseUrl)
    await twilio.statusCallback(to(phones[1]!), 'undelivered', h.baseUrl)
    // an undelivered text went out all the same: it stays among those sent
    expect((await stats()).texts).toEqual({ sent: 3, delivered: 1, failed: 1 })
    const csv = await h.request('GET', '/v1/stats.csv', { token: agency.secretKey })
    const [header, all] = csv.text.split('\r\n')
    expect(header).toMatch(/,Texts sent,Texts delivered,Texts failed$/)
    expect(all).toMatch(/,3,1,1$/)
  })

  it("goes at once for an interview from the agency's ATS, to a candidate who agreed before", async () => {
    const agency = await textingAgency(h)
    const phone = phoneNumber()
    // the agency recorded the number and the consent when it logged an earlier interview
    const first = withPhone(phone)
    await logInterview(h, agency.secretKey, first)
    await twilio.waitForMessages(1)
    const integration = await createWebhookIntegration(h, agency)
    const ended = new Date(Date.now() - 2 * 60 * minute).toISOString()
    const event = inboundEvent(
      'interview.scheduled',
      eventInterview('job-text', { startsAt: ended, candidate: first.candidate }),
    )
    const res = await deliver(h, integration, event)
    expect(res.body).toMatchObject({ result: 'created' })
    // no cron ran: the text went straight after the event was taken
    const [, fromAts] = await twilio.waitForMessages(2)
    expect(fromAts!.to).toBe(phone)
    // Twilio has the message; its answer is recorded a moment later
    await expect
      .poll(async () => (await textsOf(h, res.body.interviewId)).map((t) => t.state))
      .toEqual(['sent'])
  })

  it('goes to nobody without consent, a number, or the agency turning texts on', async () => {
    const on = await textingAgency(h)
    const off = await textingAgency(h, { enabled: false })
    const phones = [phoneNumber(), phoneNumber()]
    const cases = [
      await logInterview(h, on.secretKey, withPhone(phones[0]!, false)),
      await logInterview(h, on.secretKey),
      await logInterview(h, off.secretKey, withPhone(phones[1]!)),
    ]
    await runCron(h, new Date(Date.now() + minute))
    for (const interview of cases) {
      expect(await textsOf(h, interview.id)).toEqual([])
      const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
        token: interview.id === cases[2].id ? off.secretKey : on.secretKey,
      })
      expect(read.body.coaching.text).toBeNull()
    }
    expect(twilio.messages.filter((m) => phones.includes(m.to))).toEqual([])
  })

  it('refuses a number not in E.164 with the field named', async () => {
    const agency = await textingAgency(h)
    for (const phone of ['07700 900123', '+0123456789', '+1 415 555 0123', '+1234567890123456']) {
      const res = await h.request('POST', '/v1/interviews', {
        token: agency.secretKey,
        json: withPhone(phone),
      })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details).toContainEqual({
        path: 'candidate.phone',
        message: 'Must be a phone number in E.164 form, such as +14155550123.',
      })
    }
    const consent = await h.request('POST', '/v1/interviews', {
      token: agency.secretKey,
      json: {
        ...withPhone(phoneNumber()),
        candidate: { name: 'A', email: 'a@example.com', smsConsent: 'yes' },
      },
    })
    expect(consent.status).toBe(400)
    expect(consent.body.error.details[0].path).toBe('candidate.smsConsent')
  })

  it("waits out the quiet hours in the candidate's time zone, then goes", async () => {
    const now = new Date()
    const quietEnds = new Date(now.getTime() + 60 * minute)
    const agency = await textingAgency(h, {
      quietHours: { start: hhmm(new Date(now.getTime() - 60 * minute)), end: hhmm(quietEnds) },
    })
    const phone = phoneNumber()
    const toCandidate = () => twilio.messages.filter((m) => m.to === phone)
    const interview = await logInterview(h, agency.secretKey, withPhone(phone))
    const [text] = await eventually(
      () => textsOf(h, interview.id),
      (rows) => (rows[0]?.next_attempt_at.getTime() ?? 0) > now.getTime() + 30 * minute,
    )
    expect(text).toMatchObject({ state: 'queued', attempts: 0 })
    // it waits for the end of the quiet hours' minute
    expect(hhmm(text!.next_attempt_at)).toBe(hhmm(quietEnds))
    await runCron(h, new Date(quietEnds.getTime() - 2 * minute))
    expect(toCandidate()).toHaveLength(0)
    await runCron(h, new Date(quietEnds.getTime() + minute))
    expect(toCandidate()).toHaveLength(1)
    expect((await textsOf(h, interview.id))[0]!.state).toBe('sent')
  })

  it("reads the quiet hours in the candidate's own time zone when given, not the agency's", async () => {
    // quiet from an hour ago to an hour ahead in Kolkata (UTC+5:30); the agency's clock is UTC,
    // where it is the middle of the afternoon or night, outside those hours
    const now = new Date()
    const kolkata = (at: number) => hhmm(new Date(at + 330 * minute))
    const agency = await textingAgency(h, {
      quietHours: {
        start: kolkata(now.getTime() - 60 * minute),
        end: kolkata(now.getTime() + 60 * minute),
      },
    })
    const phone = phoneNumber()
    const body = withPhone(phone)
    const interview = await logInterview(h, agency.secretKey, {
      ...body,
      candidate: { ...body.candidate, timeZone: 'Asia/Kolkata' },
    })
    const [text] = await eventually(
      () => textsOf(h, interview.id),
      (rows) => (rows[0]?.next_attempt_at.getTime() ?? 0) > now.getTime() + 30 * minute,
    )
    expect(text).toMatchObject({ state: 'queued', attempts: 0 })
    expect(twilio.messages.filter((m) => m.to === phone)).toHaveLength(0)
  })
})

describe('replies from candidates', () => {
  it('STOP before a text: none goes; START: the next one does', async () => {
    const agency = await textingAgency(h)
    const phone = phoneNumber()
    const stop = await twilio.inbound(phone, 'Stop ', twilioWebhookUrl, h.baseUrl)
    expect(stop.response.status).toBe(200)
    expect(await stop.response.text()).toContain('<Response></Response>')

    const first = await logInterview(h, agency.secretKey, withPhone(phone))
    const [canceled] = await eventually(
      () => textsOf(h, first.id),
      (rows) => rows[0]?.state === 'canceled',
    )
    expect(canceled!.last_error).toBe('Not sent: the number replied STOP.')
    const read = await h.request('GET', `/v1/interviews/${first.id}`, { token: agency.secretKey })
    expect(read.body.coaching.text).toMatchObject({
      status: 'canceled',
      error: 'Not sent: the number replied STOP.',
    })

    await twilio.inbound(phone, 'START', twilioWebhookUrl, h.baseUrl)
    await logInterview(h, agency.secretKey, withPhone(phone))
    await twilio.waitForMessages(1)
    expect(twilio.messages.map((m) => m.to)).toEqual([phone])
  })

  it('STOP after a text was queued: it is canceled at once and never goes', async () => {
    const agency = await textingAgency(h)
    const phone = phoneNumber()
    const startsAt = new Date(Date.now() + 3 * 3_600_000)
    const interview = await logInterview(
      h,
      agency.secretKey,
      withPhone(phone, true, { startsAt: startsAt.toISOString() }),
    )
    expect((await textsOf(h, interview.id)).map((t) => t.state)).toEqual(['queued'])
    await twilio.inbound(phone, 'unsubscribe', twilioWebhookUrl, h.baseUrl)
    expect((await textsOf(h, interview.id)).map((t) => t.state)).toEqual(['canceled'])
    await runCron(h, new Date(startsAt.getTime() + 2 * 3_600_000))
    expect(twilio.messages.filter((m) => m.to === phone)).toEqual([])
  })

  it('a STOP that reaches us only after the text was leased is still honoured by the next', async () => {
    const agency = await textingAgency(h, { messages: ['coaching', 'reminder'] })
    const phone = phoneNumber()
    const interview = await logInterview(h, agency.secretKey, withPhone(phone))
    await twilio.waitForMessages(1)
    await twilio.inbound(phone, 'QUIT', twilioWebhookUrl, h.baseUrl)
    const texts = await textsOf(h, interview.id)
    expect(texts.map((t) => [t.kind, t.state])).toEqual([
      ['coaching', 'sent'],
      ['reminder', 'canceled'],
    ])
  })

  it('HELP: answers with TwiML naming the agency and how to opt out', async () => {
    const agency = await textingAgency(h, {}, { name: 'Acme & Sons Staffing' })
    const phone = phoneNumber()
    await logInterview(h, agency.secretKey, withPhone(phone))
    await twilio.waitForMessages(1)
    await eventually(
      () => h.db.selectFrom('texts').select('sent_at').where('to_phone', '=', phone).execute(),
      (rows) => rows[0]?.sent_at !== null && rows.length > 0,
    )
    const help = await twilio.inbound(phone, 'help', twilioWebhookUrl, h.baseUrl)
    expect(help.response.headers.get('content-type')).toMatch(/^text\/xml/)
    expect(await help.response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Acme &amp; Sons Staffing: texts about thank-you notes after your interviews. Reply STOP to opt out, START to opt back in.</Message></Response>',
    )
  })
})

describe("requests that are not Twilio's", () => {
  async function postForm(params: Record<string, string>, signature: string) {
    return fetch(`${h.baseUrl}/webhooks/twilio`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
      },
      body: new URLSearchParams(params),
    })
  }

  it('a forged or altered request is refused (403) and changes nothing', async () => {
    const phone = phoneNumber()
    const params = {
      MessageSid: 'SM' + 'a'.repeat(32),
      From: phone,
      To: '+15005550006',
      Body: 'STOP',
      MessagingServiceSid: twilio.messagingServiceSid,
    }
    const wrongKey = twilioSignature('not-the-token', twilioWebhookUrl, params)
    const otherUrl = twilioSignature(
      twilio.authToken,
      'http://elsewhere.test/webhooks/twilio',
      params,
    )
    const altered = twilioSignature(twilio.authToken, twilioWebhookUrl, { ...params, Body: 'HELP' })
    for (const signature of [wrongKey, otherUrl, altered, '']) {
      const res = await postForm(params, signature)
      expect(res.status).toBe(403)
    }
    const optOuts = () =>
      h.db
        .selectFrom('sms_opt_outs')
        .select('sender')
        .where('phone_hash', '=', createHash('sha256').update(phone).digest('hex'))
        .execute()
    expect(await optOuts()).toEqual([])
    const receipt = `twilio:${params.MessageSid}`
    const receipts = () =>
      h.db.selectFrom('webhook_receipts').select('id').where('id', '=', receipt).execute()
    expect(await receipts()).toEqual([])
    // the genuine one is taken
    const genuine = await postForm(
      params,
      twilioSignature(twilio.authToken, twilioWebhookUrl, params),
    )
    expect(genuine.status).toBe(200)
    expect(await optOuts()).toEqual([{ sender: twilio.messagingServiceSid }])
    expect(await receipts()).toEqual([{ id: receipt }])
  })

  it('a replayed request changes nothing', async () => {
    const agency = await textingAgency(h)
    const phone = phoneNumber()
    const stop = await twilio.inbound(phone, 'STOP', twilioWebhookUrl, h.baseUrl)
    await twilio.inbound(phone, 'START', twilioWebhookUrl, h.baseUrl)
    // the STOP again, exactly as Twilio sent it: acknowledged, and the number stays opted in
    const replay = await postForm(
      stop.params,
      twilioSignature(twilio.authToken, twilioWebhookUrl, stop.params),
    )
    expect(replay.status).toBe(200)
    await logInterview(h, agency.secretKey, withPhone(phone))
    await twilio.waitForMessages(1)
  })
})

describe('an answer lost on the way back', () => {
  it('is found in Twilio, not sent twice', async () => {
    const agency = await textingAgency(h)
    const phone = phoneNumber()
    // Twilio takes the text but answers after the worker gave up (TWILIO_TIMEOUT_MS)
    twilio.failNext({ delayMs: 1000 }, { method: 'POST' })
    const interview = await logInterview(h, agency.secretKey, withPhone(phone))
    await twilio.waitForMessages(1)
    const [unanswered] = await eventually(
      () => textsOf(h, interview.id),
      (rows) => rows[0]?.unanswered_since !== null && rows[0]?.state === 'queued',
    )
    expect(unanswered!.provider_sid).toBeNull()
    await runCron(h, new Date(Date.now() + 10 * minute))
    const [text] = await textsOf(h, interview.id)
    expect(text).toMatchObject({ state: 'sent', provider_sid: twilio.messages[0]!.sid })
    expect(twilio.messages).toHaveLength(1)
    expect(twilio.calls.filter((c) => c.method === 'GET')).toHaveLength(1)
  }, 30_000)

  it('takes the delivery Twilio reported before the text was found', async () => {
    const agency = await textingAgency(h)
    twilio.failNext({ delayMs: 1000 }, { method: 'POST' })
    const interview = await logInterview(h, agency.secretKey, withPhone(phoneNumber()))
    const [message] = await twilio.waitForMessages(1)
    await eventually(
      () => textsOf(h, interview.id),
      (rows) => rows[0]?.unanswered_since !== null && rows[0]?.state === 'queued',
    )
    // the report names a sid we do not know yet: it is answered, and Twilio will not send it again
    expect((await twilio.statusCallback(message!, 'delivered', h.baseUrl)).status).toBe(200)
    await runCron(h, new Date(Date.now() + 10 * minute))
    const [text] = await textsOf(h, interview.id)
    expect(text).toMatchObject({ state: 'delivered', provider_sid: message!.sid })
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching.text.status).toBe('delivered')
    expect(twilio.messages).toHaveLength(1)
  }, 30_000)
})

describe('a sender that stops mid-call', () => {
  it('leaves a text that may have gone to be looked up when its lease runs out, never re-sent blind', async () => {
    const agency = await textingAgency(h)
    const phone = phoneNumber()
    const interview = await logInterview(h, agency.secretKey, withPhone(phone))
    await twilio.waitForMessages(1)
    const [gone] = await eventually(
      () => textsOf(h, interview.id),
      (rows) => rows[0]?.state === 'sent',
    )
    // as if the sender had died after Twilio took the text, before it wrote that down: still
    // leased to it, the lease run out
    await h.db
      .updateTable('texts')
      .set({
        state: 'sending',
        provider_sid: null,
        sent_at: null,
        next_attempt_at: new Date(Date.now() - minute),
      })
      .where('id', '=', gone!.id)
      .execute()
    await runCron(h, new Date())
    const [text] = await textsOf(h, interview.id)
    expect(text).toMatchObject({ state: 'sent', provider_sid: twilio.messages[0]!.sid })
    expect(twilio.messages.filter((m) => m.to === phone)).toHaveLength(1)
  })

  it('does not call Twilio for a text canceled, erased or opted out after it was claimed', async () => {
    const agency = await textingAgency(h)
    const phone = phoneNumber()
    const interview = await logInterview(h, agency.secretKey, withPhone(phone))
    await twilio.waitForMessages(1)
    // once the send is recorded, its row is put back as a run holds it while it works through its
    // batch
    const [text] = await eventually(
      () => textsOf(h, interview.id),
      (rows) => rows[0]?.state === 'sent',
    )
    const leased = {
      ...text!,
      state: 'sending' as const,
      next_attempt_at: new Date(Date.now() + minute),
    }
    await h.db
      .updateTable('texts')
      .set({ state: 'sending', next_attempt_at: leased.next_attempt_at })
      .where('id', '=', text!.id)
      .execute()
    expect(await renewLease(h.db, { ...leased }, new Date())).toBe(true)
    // another run took it since: not ours
    expect(await renewLease(h.db, { ...leased }, new Date())).toBe(false)
    const [current] = await textsOf(h, interview.id)
    const ours = { ...leased, next_attempt_at: current!.next_attempt_at }
    await twilio.inbound(phone, 'STOP', twilioWebhookUrl, h.baseUrl)
    expect(await renewLease(h.db, { ...ours }, new Date())).toBe(false)
    await h.db.updateTable('texts').set({ state: 'canceled' }).where('id', '=', text!.id).execute()
    expect(await renewLease(h.db, { ...ours }, new Date())).toBe(false)
  })
})

describe('forgetting people', () => {
  it('erasure and retention remove the numbers and texts; an opt-out stays, as a hash', async () => {
    const agency = await textingAgency(h, {}, { retentionDays: 30 })
    const [erased, expired] = [phoneNumber(), phoneNumber()]
    const first = await logInterview(h, agency.secretKey, withPhone(erased))
    const second = await logInterview(h, agency.secretKey, withPhone(expired))
    await twilio.waitForMessages(2)
    await twilio.inbound(erased, 'STOP', twilioWebhookUrl, h.baseUrl)

    const erasure = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: first.candidate.email },
    })
    expect(erasure.status).toBe(200)
    await runCron(h, new Date(Date.now() + 31 * 24 * 3_600_000), '30 3 * * *')

    for (const interview of [first, second]) {
      const texts = await textsOf(h, interview.id)
      expect(texts.map((t) => [t.to_phone, t.body, t.state])).toEqual([[null, null, 'sent']])
    }
    const people = await h.db
      .selectFrom('candidates')
      .select(['phone', 'erased_at'])
      .where('agency_id', '=', agency.id)
      .execute()
    expect(people.every((p) => p.phone === null && p.erased_at !== null)).toBe(true)
    const hash = createHash('sha256').update(erased).digest('hex')
    const kept = await h.db
      .selectFrom('sms_opt_outs')
      .select('sender')
      .where('phone_hash', '=', hash)
      .execute()
    expect(kept).toEqual([{ sender: twilio.messagingServiceSid }])
    // and it still holds: a new interview with the same number gets no text
    const again = await logInterview(h, agency.secretKey, withPhone(erased))
    const [text] = await eventually(
      () => textsOf(h, again.id),
      (rows) => rows[0]?.state === 'canceled',
    )
    expect(text!.last_error).toBe('Not sent: the number replied STOP.')
  })
})

describe("the agency's text settings", () => {
  it('are off by default, changed with PATCH /v1/agency, and checked', async () => {
    const agency = await createAgency(h)
    const read = await h.request('GET', '/v1/agency', { token: agency.secretKey })
    expect(read.body.sms).toEqual({
      enabled: false,
      quietHours: { start: '21:00', end: '08:00' },
      messages: ['coaching'],
    })
    const changed = await h.request('PATCH', '/v1/agency', {
      token: agency.secretKey,
      json: {
        sms: {
          enabled: true,
          quietHours: { start: '22:30', end: '07:00' },
          messages: ['reminder', 'coaching'],
        },
      },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.sms).toEqual({
      enabled: true,
      quietHours: { start: '22:30', end: '07:00' },
      messages: ['reminder', 'coaching'],
    })
    // a part left out stays as it was
    const partly = await h.request('PATCH', '/v1/agency', {
      token: agency.secretKey,
      json: { sms: { enabled: false } },
    })
    expect(partly.body.sms.quietHours).toEqual({ start: '22:30', end: '07:00' })
    const bad = await h.request('PATCH', '/v1/agency', {
      token: agency.secretKey,
      json: { sms: { quietHours: { start: '24:00', end: '7:00' }, messages: ['email'] } },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'sms.messages.0',
      'sms.quietHours.end',
      'sms.quietHours.start',
    ])
  })
})

describe('a scheduled interview', () => {
  it('moves its texts when rescheduled and cancels them when canceled', async () => {
    const agency = await textingAgency(h, { messages: ['coaching', 'reminder'] })
    const startsAt = new Date(Date.now() + 24 * 3_600_000)
    const interview = await logInterview(
      h,
      agency.secretKey,
      withPhone(phoneNumber(), true, { startsAt: startsAt.toISOString(), durationMinutes: 60 }),
    )
    const due = async () =>
      (await textsOf(h, interview.id)).map((t) => [
        t.kind,
        t.state,
        t.next_attempt_at.toISOString(),
      ])
    const later = new Date(startsAt.getTime() + 2 * 3_600_000)
    const hours = (at: Date, n: number) => new Date(at.getTime() + n * 3_600_000).toISOString()
    const read = await h.request('GET', '/v1/agency', { token: agency.secretKey })
    const reminderHours = read.body.reminderHours as number
    expect(await due()).toEqual([
      ['coaching', 'queued', hours(startsAt, 1)],
      ['reminder', 'queued', hours(startsAt, 1 + reminderHours)],
    ])
    const moved = await h.request('PATCH', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
      json: { startsAt: later.toISOString() },
    })
    expect(moved.status).toBe(200)
    expect(await due()).toEqual([
      ['coaching', 'queued', hours(later, 1)],
      ['reminder', 'queued', hours(later, 1 + reminderHours)],
    ])
    const canceled = await h.request('POST', `/v1/interviews/${interview.id}/cancel`, {
      token: agency.secretKey,
    })
    expect(canceled.status).toBe(200)
    expect((await textsOf(h, interview.id)).map((t) => t.state)).toEqual(['canceled', 'canceled'])
    expect(canceled.body.coaching.text).toMatchObject({
      status: 'canceled',
      error: 'Not sent: the interview was canceled.',
    })
  })

  it("sends its texts to the candidate's new number when a later interview gives one", async () => {
    const agency = await textingAgency(h)
    const [before, after] = [phoneNumber(), phoneNumber()]
    const startsAt = new Date(Date.now() + 3 * 3_600_000).toISOString()
    const ahead = withPhone(before, true, { startsAt })
    const scheduled = await logInterview(h, agency.secretKey, ahead)
    // the next interview, logged as it ends, gives the person's new number
    const now = await logInterview(h, agency.secretKey, {
      ...withPhone(after),
      candidate: { ...ahead.candidate, phone: after, smsConsent: true },
    })
    await twilio.waitForMessages(1)
    await runCron(h, new Date(Date.now() + 5 * 3_600_000))
    const [first, second] = await twilio.waitForMessages(2)
    expect([first!.to, second!.to]).toEqual([after, after])
    expect((await textsOf(h, scheduled.id))[0]).toMatchObject({ state: 'sent', to_phone: after })
    expect((await textsOf(h, now.id))[0]).toMatchObject({ state: 'sent', to_phone: after })
    expect(twilio.messages.filter((m) => m.to === before)).toEqual([])
  })
})
