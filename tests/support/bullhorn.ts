import { expect } from 'vitest'
import type { FakeBullhorn } from './fake-bullhorn'
import { createAgency, createSession, type TestAgency } from './factories'
import type { Harness } from './harness'

// An agency that works in Bullhorn: its integration, connected through the OAuth pages as its
// user's browser would, and interviews booked in Bullhorn (appointments) whose events the cron
// reads.

export interface BullhornAgency {
  agency: TestAgency
  integrationId: string
}

/** The browser's part: Bullhorn's sign-in page, then its redirect back to the callback. */
export async function signInAtBullhorn(h: Harness, fake: FakeBullhorn, authorizeUrl: string) {
  const url = new URL(authorizeUrl)
  url.searchParams.set('action', 'Login')
  url.searchParams.set('username', fake.account.username)
  url.searchParams.set('password', fake.account.password)
  const signedIn = await fetch(url, { redirect: 'manual' })
  expect(signedIn.status, await signedIn.text()).toBe(302)
  const back = new URL(signedIn.headers.get('location')!)
  // the callback is on our public URL; the test worker answers on loopback
  return h.request('GET', `${back.pathname}${back.search}`)
}

export async function connectLinkOf(h: Harness, agency: TestAgency, integrationId: string) {
  const res = await h.request('GET', `/v1/integrations/${integrationId}/connect`, {
    token: agency.secretKey,
  })
  expect(res.status, res.text).toBe(200)
  return res.body as { url: string; expiresAt: string }
}

/** A new agency with a Bullhorn integration, not connected yet. */
export async function createBullhornAgency(
  h: Harness,
  fake: FakeBullhorn,
  options: { settings?: Record<string, string>; ownerIsRecruiter?: boolean } = {},
): Promise<BullhornAgency> {
  const agency = await createAgency(h)
  // the interviews' owner, the API user, is a recruiter of the agency (unless told otherwise:
  // a recruiter's hourly send quota is smaller than a run of 200 interviews)
  if (options.ownerIsRecruiter ?? true) {
    await createSession(h, agency, { externalId: `bullhorn:${fake.account.apiUserId}` })
  }
  const res = await h.request('POST', '/v1/integrations', {
    token: agency.secretKey,
    json: {
      provider: 'bullhorn',
      credentials: {
        clientId: fake.account.clientId,
        clientSecret: fake.account.clientSecret,
        username: fake.account.username,
      },
      settings: options.settings ?? {},
    },
  })
  expect(res.status, res.text).toBe(201)
  expect(res.body.signingSecret).toBeNull()
  return { agency, integrationId: res.body.id }
}

/** The callback Bullhorn must send the agency's user back to (registered with the API key). */
export const callbackOf = (h: Harness, integrationId: string) =>
  `http://followthrough.test/integrations/${integrationId}/oauth/callback`

/** A Bullhorn integration, connected. */
export async function connectedBullhornAgency(
  h: Harness,
  fake: FakeBullhorn,
  options: Parameters<typeof createBullhornAgency>[2] = {},
): Promise<BullhornAgency> {
  const world = await createBullhornAgency(h, fake, options)
  fake.account.redirectUri = callbackOf(h, world.integrationId)
  const link = await connectLinkOf(h, world.agency, world.integrationId)
  const page = await signInAtBullhorn(h, fake, link.url)
  expect(page.status, page.text).toBe(200)
  return world
}

let counter = 0

/** An interview booked in Bullhorn: candidate, client contact, job and the appointment. */
export function bookInterview(
  fake: FakeBullhorn,
  options: { begin?: number; minutes?: number; type?: string } = {},
) {
  counter += 1
  const candidate = fake.addCandidate({ firstName: 'Maya', lastName: `Lindqvist${counter}` })
  const contact = fake.addClientContact({ firstName: 'Carl', lastName: `Hiring${counter}` })
  const job = fake.addJobOrder({ title: `Warehouse Supervisor ${counter}` })
  const begin = options.begin ?? Date.now() + 2 * 3_600_000
  const appointment = fake.addAppointment(
    { candidateId: candidate.id, clientContactId: contact.id, jobOrderId: job.id },
    {
      dateBegin: begin,
      dateEnd: begin + (options.minutes ?? 45) * 60_000,
      ...(options.type ? { type: options.type } : {}),
    },
  )
  return {
    candidate,
    job,
    appointment,
    email: String(candidate.email),
    externalId: `${candidate.id}-${job.id}/${appointment.id}`,
  }
}

export type Booked = ReturnType<typeof bookInterview>

/** The agency's interview for a Bullhorn appointment, as the database holds it. */
export function interviewRow(h: Harness, agencyId: string, externalId: string) {
  return h.db
    .selectFrom('interviews')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('external_system', '=', 'bullhorn')
    .where('external_id', '=', externalId)
    .executeTakeFirst()
}
