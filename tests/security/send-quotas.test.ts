import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  createAgency,
  createSession,
  interviewBody,
  logInterview,
  type TestAgency,
} from '../support/factories'
import { ADMIN_TOKEN, type ApiResponse } from '../support/harness'
import { useHarness } from '../support/lifecycle'

const h = useHarness()

const hourMs = 3_600_000
const dayMs = 24 * hourMs

/** Counts are per clock hour (UTC): a test that straddles one would count in two windows. */
async function awayFromHourEdge() {
  const left = hourMs - (Date.now() % hourMs)
  if (left < 30_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000))
}

const secondsUntilNext = (windowMs: number) =>
  Math.ceil((windowMs - (Date.now() % windowMs)) / 1000)

async function setQuotas(agency: TestAgency, sendQuotas: Record<string, number>) {
  const res = await h.request('PATCH', '/v1/agency', {
    token: agency.secretKey,
    json: { sendQuotas },
  })
  expect(res.status, res.text).toBe(200)
}

function createInterview(token: string, overrides: Record<string, unknown> = {}) {
  return h.request('POST', '/v1/interviews', { token, json: interviewBody(overrides) })
}

function expectQuotaExceeded(res: ApiResponse, windowMs: number) {
  expect(res.status, res.text).toBe(429)
  expect(res.body.error.code).toBe('quota_exceeded')
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThan(0)
  expect(Math.abs(retryAfter - secondsUntilNext(windowMs))).toBeLessThanOrEqual(5)
}

async function outboxOf(agencyId: string) {
  const rows = await h.db
    .selectFrom('emails')
    .select(['kind', 'message'])
    .where('agency_id', '=', agencyId)
    .where('kind', 'in', ['coaching', 'resend'])
    .execute()
  return rows
}

async function interviewCount(agencyId: string) {
  const row = await h.db
    .selectFrom('interviews')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('the shared sending domain cannot be abused', () => {
  it('starts every agency with the default quotas and shows them with its settings', async () => {
    const agency = await createAgency(h)
    const res = await h.request('GET', '/v1/agency', { token: agency.secretKey })
    expect(res.body.sendQuotas).toEqual({ agencyPerDay: 500, recruiterPerHour: 40 })
  })

  it('stops one recruiter session after 40 emails in an hour, with the defaults', async () => {
    await awayFromHourEdge()
    const agency = await createAgency(h)
    const session = await createSession(h, agency)
    const statuses: number[] = []
    for (let i = 0; i < 41; i++) {
      const res = await createInterview(session.token, {
        roleTitle: 'Verify your account at secure-login.example',
      })
      statuses.push(res.status)
      if (i === 40) expectQuotaExceeded(res, hourMs)
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(40)
    expect(await outboxOf(agency.id)).toHaveLength(40)
  })

  it('stops a recruiter session at its hourly quota with 429 quota_exceeded, writing nothing', async () => {
    await awayFromHourEdge()
    const agency = await createAgency(h)
    await setQuotas(agency, { recruiterPerHour: 3 })
    const dana = await createSession(h, agency, { externalId: 'dana' })
    for (let i = 0; i < 3; i++) expect((await createInterview(dana.token)).status).toBe(201)
    const refused = await createInterview(dana.token, {
      candidate: { name: 'Not Sent', email: 'not.sent@example.com' },
      roleTitle: 'Verify your account at secure-login.example',
    })
    expectQuotaExceeded(refused, hourMs)
    expect(refused.body.error.message).toMatch(/recruiter's hourly quota/)
    // nothing of the refused request exists: no interview, no candidate, no email
    expect(await interviewCount(agency.id)).toBe(3)
    const candidate = await h.db
      .selectFrom('candidates')
      .select('id')
      .where('email', '=', 'not.sent@example.com')
      .executeTakeFirst()
    expect(candidate).toBeUndefined()
    expect(await outboxOf(agency.id)).toHaveLength(3)
    // a refusal stores no answer under its Idempotency-Key, so a retry later is a fresh attempt
    const keyed = await h.request('POST', '/v1/interviews', {
      token: dana.token,
      json: interviewBody(),
      headers: { 'idempotency-key': 'over-quota-1' },
    })
    expect(keyed.status).toBe(429)
    const stored = await h.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', 'over-quota-1')
      .executeTakeFirst()
    expect(stored).toBeUndefined()
    // another recruiter of the agency has a quota of their own; a secret key without a
    // recruiter counts against the agency only
    const omar = await createSession(h, agency, { externalId: 'omar' })
    expect((await createInterview(omar.token)).status).toBe(201)
    expect((await createInterview(agency.secretKey)).status).toBe(201)
    // but a secret key logging in Dana's name counts against Dana's quota
    expectQuotaExceeded(
      await createInterview(agency.secretKey, { recruiterExternalId: 'dana' }),
      hourMs,
    )
  })

  it("stops every credential and resends at the agency's daily quota", async () => {
    await awayFromHourEdge()
    const agency = await createAgency(h, { sendQuotas: { agencyPerDay: 2 } })
    const session = await createSession(h, agency)
    const first = await logInterview(h, agency.secretKey)
    await logInterview(h, session.token)
    const refused = await createInterview(agency.secretKey)
    expectQuotaExceeded(refused, dayMs)
    expect(refused.body.error.message).toMatch(/agency's daily quota/)
    expectQuotaExceeded(await createInterview(session.token), dayMs)

    // a resend is a coaching email too (allowed once the last one is 10 minutes old)
    await h.db
      .updateTable('emails')
      .set({ state: 'captured', created_at: new Date(Date.now() - 11 * 60_000) })
      .where('interview_id', '=', first.id)
      .execute()
    const resend = await h.request('POST', `/v1/interviews/${first.id}/resend`, {
      token: agency.secretKey,
    })
    expectQuotaExceeded(resend, dayMs)
    expect(await outboxOf(agency.id)).toHaveLength(2)

    // raising the quota lets the resend through, and it is counted
    await setQuotas(agency, { agencyPerDay: 3 })
    const again = await h.request('POST', `/v1/interviews/${first.id}/resend`, {
      token: agency.secretKey,
    })
    expect(again.status, again.text).toBe(202)
    const usage = await h.request('GET', '/v1/agency/usage', { token: agency.secretKey })
    expect(usage.body.agency).toMatchObject({ limit: 3, used: 3, remaining: 0 })
  })

  it('shows the usage to the secret key and managers, not to recruiters', async () => {
    await awayFromHourEdge()
    const agency = await createAgency(h, { sendQuotas: { agencyPerDay: 50, recruiterPerHour: 5 } })
    const busy = await createSession(h, agency, { externalId: 'busy', name: 'Busy Bea' })
    const quiet = await createSession(h, agency, { externalId: 'quiet', name: 'Quiet Quinn' })
    const manager = await createSession(h, agency, { role: 'manager' })
    for (let i = 0; i < 3; i++) await logInterview(h, busy.token)
    await logInterview(h, quiet.token)
    await logInterview(h, agency.secretKey)

    const res = await h.request('GET', '/v1/agency/usage', { token: agency.secretKey })
    expect(res.status).toBe(200)
    const now = Date.now()
    expect(res.body).toEqual({
      agency: {
        limit: 50,
        used: 5,
        remaining: 45,
        windowStart: new Date(now - (now % dayMs)).toISOString(),
        resetsAt: new Date(now - (now % dayMs) + dayMs).toISOString(),
      },
      recruiters: [
        expect.objectContaining({ recruiterId: busy.recruiterId, name: 'Busy Bea', used: 3 }),
        expect.objectContaining({ recruiterId: quiet.recruiterId, name: 'Quiet Quinn', used: 1 }),
      ],
    })
    expect(res.body.recruiters[0]).toMatchObject({
      limit: 5,
      remaining: 2,
      windowStart: new Date(now - (now % hourMs)).toISOString(),
      resetsAt: new Date(now - (now % hourMs) + hourMs).toISOString(),
    })
    const byManager = await h.request('GET', '/v1/agency/usage', { token: manager.token })
    expect(byManager.body).toEqual(res.body)
    const byRecruiter = await h.request('GET', '/v1/agency/usage', { token: busy.token })
    expect(byRecruiter.status).toBe(403)
    expect(byRecruiter.body.error.code).toBe('forbidden')
  })

  it('refuses quota settings of the wrong type or out of range with 400, never 500', async () => {
    const agency = await createAgency(h)
    const bad: unknown[] = [
      { agencyPerDay: 0 },
      { agencyPerDay: 20_001 },
      { agencyPerDay: -5 },
      { agencyPerDay: 1.5 },
      { agencyPerDay: '100' },
      { agencyPerDay: null },
      { recruiterPerHour: 0 },
      { recruiterPerHour: 1_001 },
      { recruiterPerHour: true },
      { recruiterPerHour: 1e308 },
      { perMinute: 5 },
      'lots',
      [10, 20],
      null,
    ]
    for (const sendQuotas of bad) {
      const res = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { sendQuotas },
      })
      expect(res.status, JSON.stringify(sendQuotas)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details[0].path).toMatch(/^sendQuotas/)
      const created = await h.request('POST', '/v1/agencies', {
        token: ADMIN_TOKEN,
        json: { name: 'Quota Probe', sendQuotas },
      })
      expect(created.status, JSON.stringify(sendQuotas)).toBe(400)
    }
    const read = await h.request('GET', '/v1/agency', { token: agency.secretKey })
    expect(read.body.sendQuotas).toEqual({ agencyPerDay: 500, recruiterPerHour: 40 })
    const edges = await h.request('PATCH', '/v1/agency', {
      token: agency.secretKey,
      json: { sendQuotas: { agencyPerDay: 20_000, recruiterPerHour: 1 } },
    })
    expect(edges.body.sendQuotas).toEqual({ agencyPerDay: 20_000, recruiterPerHour: 1 })
  })

  it('refuses sender names that carry an email address, a link or a domain', async () => {
    const agency = await createAgency(h)
    for (const senderName of [
      'support@yourbank.example',
      'Support ＠ Your Bank',
      'https://secure-login.example',
      'www.yourbank.example',
      'Verify at secure-login.example',
      'YourBank.com Security',
      'paypal。com',
    ]) {
      const res = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { branding: { senderName } },
      })
      expect(res.status, senderName).toBe(400)
      expect(res.body.error.details).toEqual([
        { path: 'branding.senderName', message: expect.stringMatching(/no email address, link/) },
      ])
      const created = await h.request('POST', '/v1/agencies', {
        token: ADMIN_TOKEN,
        json: { name: 'Sender Probe', branding: { senderName } },
      })
      expect(created.status, senderName).toBe(400)
    }
    for (const senderName of ['Brightpath Careers', "St. Mary's Staffing", 'J.R. Hiring Co.']) {
      const res = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { branding: { senderName } },
      })
      expect(res.status, senderName).toBe(200)
      expect(res.body.branding.senderName).toBe(senderName)
    }
  })

  it('never puts an address-like name saved earlier, or such an agency name, in the From line', async () => {
    const agency = await createAgency(h, { name: 'Acme Staffing' })
    await h.db
      .updateTable('agencies')
      .set({
        branding: sql`branding || '{"senderName": "support@yourbank.example"}'::jsonb`,
      })
      .where('id', '=', agency.id)
      .execute()
    const first = await logInterview(h, agency.secretKey)
    await h.db
      .updateTable('agencies')
      .set({ name: 'secure-login.example' })
      .where('id', '=', agency.id)
      .execute()
    const second = await logInterview(h, agency.secretKey)
    const from = async (interviewId: string) =>
      (
        await h.db
          .selectFrom('emails')
          .select('message')
          .where('interview_id', '=', interviewId)
          .where('kind', '=', 'coaching')
          .executeTakeFirstOrThrow()
      ).message!.from
    expect(await from(first.id)).toBe('"Acme Staffing" <coach@followthrough.example>')
    expect(await from(second.id)).toBe('coach@followthrough.example')
  })

  it('never overshoots when many creates arrive at once at the edge of the quota', async () => {
    await awayFromHourEdge()
    const quota = 10
    const burst = 30
    const figures: string[] = []
    const rounds = [
      ...[1, 2, 3].map((n) => ({ name: `agency quota, round ${n}`, scope: 'agency' as const })),
      ...[1, 2].map((n) => ({ name: `recruiter quota, round ${n}`, scope: 'recruiter' as const })),
    ]
    for (const round of rounds) {
      const agency = await createAgency(h, {
        sendQuotas:
          round.scope === 'agency' ? { agencyPerDay: quota } : { recruiterPerHour: quota },
      })
      const token =
        round.scope === 'agency' ? agency.secretKey : (await createSession(h, agency)).token
      const bodies = Array.from({ length: burst }, () => interviewBody())
      const started = performance.now()
      const answers = await Promise.all(
        bodies.map((json) => h.request('POST', '/v1/interviews', { token, json })),
      )
      const ms = Math.round(performance.now() - started)
      const statuses = answers.map((a) => a.status)
      expect(
        statuses.filter((s) => s === 201),
        round.name,
      ).toHaveLength(quota)
      expect(
        statuses.filter((s) => s === 429),
        round.name,
      ).toHaveLength(burst - quota)
      for (const refused of answers.filter((a) => a.status === 429)) {
        expect(refused.body.error.code).toBe('quota_exceeded')
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      }
      const outbox = await outboxOf(agency.id)
      expect(
        outbox.filter((e) => e.kind === 'coaching'),
        round.name,
      ).toHaveLength(quota)
      expect(await interviewCount(agency.id)).toBe(quota)
      // the emails that went out are those of the requests that were answered 201
      const accepted = new Set(
        answers.filter((a) => a.status === 201).map((a) => a.body.candidate.email),
      )
      expect(new Set(outbox.map((e) => e.message!.to))).toEqual(accepted)
      const usage = await h.request('GET', '/v1/agency/usage', { token: agency.secretKey })
      const counted = round.scope === 'agency' ? usage.body.agency : usage.body.recruiters[0]
      expect(counted).toMatchObject({ limit: quota, used: quota, remaining: 0 })
      figures.push(
        `${round.name}: ${burst} at once → 201 × ${quota}, 429 × ${burst - quota} in ${ms} ms`,
      )
    }
    console.log(`send quota under concurrency (quota ${quota})\n  ${figures.join('\n  ')}`)
  }, 120_000)
})
