import { expect } from 'vitest'
import { linkTokenFor } from '../../worker/services/coaching-links'
import { ADMIN_TOKEN, LINK_SECRET, type Harness } from './harness'

let counter = 0

export interface TestAgency {
  id: string
  secretKey: string
  publishableKey: string
}

export async function createAgency(
  h: Harness,
  overrides: Record<string, unknown> = {},
): Promise<TestAgency> {
  counter += 1
  const res = await h.request('POST', '/v1/agencies', {
    token: ADMIN_TOKEN,
    json: { name: `Agency ${counter}`, ...overrides },
  })
  expect(res.status, res.text).toBe(201)
  return {
    id: res.body.agency.id,
    secretKey: res.body.secretKey.key,
    publishableKey: res.body.publishableKey.key,
  }
}

/**
 * A recruiter session minted with the agency's secret key. Two sessions of one recruiter minted
 * in the same second are the same token unless their `ttlSeconds` differ.
 */
export async function createSession(
  h: Harness,
  agency: TestAgency,
  recruiter: { externalId?: string; name?: string; role?: 'recruiter' | 'manager' } = {},
  options: { ttlSeconds?: number } = {},
): Promise<{ token: string; recruiterId: string }> {
  counter += 1
  const res = await h.request('POST', '/v1/sessions', {
    token: agency.secretKey,
    json: {
      recruiter: {
        externalId: recruiter.externalId ?? `rec-${counter}`,
        name: recruiter.name ?? `Recruiter ${counter}`,
        role: recruiter.role ?? 'recruiter',
      },
      ...options,
    },
  })
  expect(res.status, res.text).toBe(201)
  return { token: res.body.token, recruiterId: res.body.recruiter.id }
}

export function interviewBody(overrides: Record<string, unknown> = {}) {
  counter += 1
  return {
    candidate: { name: `Candidate ${counter}`, email: `candidate${counter}@example.com` },
    roleTitle: 'Senior Data Analyst',
    clientCompany: 'Globex',
    startsAt: new Date(Date.now() - 90 * 60_000).toISOString(),
    durationMinutes: 45,
    format: 'video',
    interviewers: [
      { name: 'Priya Natarajan', title: 'Head of Analytics', email: 'priya@globex.example' },
      { name: 'Tom Becker', title: 'Data Engineer' },
    ],
    talkingPoints: 'Migrating the reporting stack to dbt; the team wants someone who mentors.',
    ...overrides,
  }
}

export async function logInterview(
  h: Harness,
  token: string,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await h.request('POST', '/v1/interviews', {
    token,
    json: interviewBody(overrides),
    headers,
  })
  expect(res.status, res.text).toBe(201)
  return res.body
}

/** Runs the worker's cron handler as if the trigger `cron` fired at `at`. */
export async function runCron(h: Harness, at: Date, cron = '* * * * *') {
  const worker = await h.mf.getWorker()
  return worker.scheduled({ scheduledTime: at, cron })
}

/**
 * Waits until the interview's coaching email is recorded as sent, Resend's id with it: the fake
 * has the email as soon as the call arrives, the worker records the answer a moment later.
 */
export async function coachingEmailSettled(h: Harness, interviewId: string) {
  await untilCoachingEmail(h, interviewId, 'recorded as sent', (row) => row.provider_id !== null)
}

/** Polls the interview's coaching email for up to 5 s until `done` holds. */
async function untilCoachingEmail(
  h: Harness,
  interviewId: string,
  what: string,
  done: (row: { state: string; provider_id: string | null }) => boolean,
) {
  for (let i = 0; i < 100; i++) {
    const row = await h.db
      .selectFrom('emails')
      .select(['state', 'provider_id'])
      .where('interview_id', '=', interviewId)
      .where('kind', '=', 'coaching')
      .executeTakeFirst()
    if (row && done(row)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the coaching email of ${interviewId} was never ${what}`)
}

/**
 * The candidate's link token, once the coaching email carrying it has gone out (captured or sent):
 * only then does the link work. The token is derived the way the worker derives it, from the
 * test LINK_SECRET; nothing stored holds it.
 */
export async function coachingLinkOf(h: Harness, interviewId: string): Promise<string> {
  await untilCoachingEmail(h, interviewId, 'sent', (row) =>
    ['sent', 'captured'].includes(row.state),
  )
  return linkTokenFor(LINK_SECRET, interviewId)
}

/** When the interview's candidate page was recorded as first viewed: one row, or none yet. */
export function pageViewsOf(h: Harness, interviewId: string) {
  return h.db
    .selectFrom('events')
    .select('occurred_at')
    .where('interview_id', '=', interviewId)
    .where('type', '=', 'page_opened')
    .execute()
}
