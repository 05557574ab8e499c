import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  coachingEmailSettled,
  createAgency,
  logInterview,
  runCron,
  type TestAgency,
} from '../support/factories'
import {
  resendBindings,
  startFakeResend,
  type FakeEmail,
  type FakeResend,
} from '../support/fake-resend'
import { startHarness, type Harness } from '../support/harness'
import { newWebhookSecret, svixHeaders } from '../support/svix'

const hour = 3_600_000
const webhookSecret = newWebhookSecret()
let h: Harness
let fake: FakeResend
let agency: TestAgency
beforeAll(async () => {
  fake = await startFakeResend()
  h = await startHarness(resendBindings(fake, { RESEND_WEBHOOK_SECRET: webhookSecret }))
  agency = await createAgency(h)
})
afterAll(async () => {
  await h?.close()
  await fake?.close()
})
beforeEach(() => fake.reset())

const isReminder = (e: FakeEmail) => e.tags.some((t) => t.name === 'kind' && t.value === 'reminder')
const tokenOf = (e: FakeEmail) => (e.html ?? '').match(/\/c\/([A-Za-z0-9_-]{32})/)![1]!

/** An interview whose coaching email has gone out, with the link token from that email. */
async function coached() {
  const interview = await logInterview(h, agency.secretKey)
  const emails = await fake.waitForEmails(1)
  const email = emails.find((e) => e.to[0] === interview.candidate.email)!
  // a webhook about it must find the email's Resend id already recorded
  await coachingEmailSettled(h, interview.id)
  fake.reset()
  return { interview, token: tokenOf(email), endsAt: new Date(interview.endsAt), email }
}

async function remindersTo(address: string) {
  return fake.sent.filter((e) => isReminder(e) && e.to[0] === address)
}

describe('the reminder', () => {
  it('goes once, at the reminder hour, while the window is open', async () => {
    const { interview, endsAt } = await coached()
    await runCron(h, new Date(endsAt.getTime() + 17 * hour))
    expect(await remindersTo(interview.candidate.email)).toHaveLength(0)
    await runCron(h, new Date(endsAt.getTime() + 18 * hour + 60_000))
    const [reminder] = await remindersTo(interview.candidate.email)
    expect(reminder?.subject).toBeTruthy()
    expect(reminder?.headers['List-Unsubscribe']).toMatch(/\/u\//)
    await runCron(h, new Date(endsAt.getTime() + 19 * hour))
    await runCron(h, new Date(endsAt.getTime() + 20 * hour))
    expect(await remindersTo(interview.candidate.email)).toHaveLength(1)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching.reminder).toBe('sent')
  })

  it('is not sent once a note is marked sent', async () => {
    const { interview, token, endsAt } = await coached()
    const marked = await h.request('POST', `/c/${token}/events`, {
      json: { type: 'sent', interviewerId: interview.interviewers[0].id },
    })
    expect(marked.status).toBe(200)
    await runCron(h, new Date(endsAt.getTime() + 18 * hour + 60_000))
    expect(await remindersTo(interview.candidate.email)).toHaveLength(0)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching).toMatchObject({ reminder: 'skipped', notesSent: 1 })
  })

  it('is not sent after the candidate unsubscribes', async () => {
    const { interview, token, endsAt } = await coached()
    const res = await h.request('POST', `/u/${token}`, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(200)
    await runCron(h, new Date(endsAt.getTime() + 18 * hour + 60_000))
    expect(await remindersTo(interview.candidate.email)).toHaveLength(0)
  })

  it('is not sent after a bounce', async () => {
    const { interview, endsAt, email } = await coached()
    const body = JSON.stringify({
      type: 'email.bounced',
      created_at: new Date().toISOString(),
      data: { email_id: email.id, to: [interview.candidate.email] },
    })
    const res = await h.request('POST', '/webhooks/resend', {
      rawBody: body,
      headers: svixHeaders(webhookSecret, `msg_${interview.id}`, body),
    })
    expect(res.status).toBe(200)
    await runCron(h, new Date(endsAt.getTime() + 18 * hour + 60_000))
    expect(await remindersTo(interview.candidate.email)).toHaveLength(0)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching.email).toBe('bounced')
  })

  it('is not sent after erasure', async () => {
    const { interview, endsAt } = await coached()
    const res = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: interview.candidate.email },
    })
    expect(res.body).toEqual({ candidatesErased: 1, interviews: 1 })
    await runCron(h, new Date(endsAt.getTime() + 18 * hour + 60_000))
    expect(fake.sent.filter(isReminder)).toHaveLength(0)
  })

  it('is skipped when the cron first runs after the window closed', async () => {
    const { interview, endsAt } = await coached()
    await runCron(h, new Date(endsAt.getTime() + 25 * hour))
    expect(await remindersTo(interview.candidate.email)).toHaveLength(0)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching.reminder).toBe('skipped')
  })
})
