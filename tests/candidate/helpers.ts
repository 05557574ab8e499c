import { beforeEach, expect } from 'vitest'
import { logInterview, type TestAgency } from '../support/factories'
import { resendBindings, type FakeEmail, type FakeResend } from '../support/fake-resend'
import type { Harness } from '../support/harness'
import { useAgency, useFakeResend, useHarness } from '../support/lifecycle'

export const threeInterviewers = [
  { name: 'Priya Natarajan', title: 'Head of Analytics', email: 'priya@globex.example' },
  { name: 'Tom Becker', title: 'Data Engineer' },
  { name: 'Dr. Ines Ruiz', title: 'VP Data', email: 'ines@globex.example' },
]

export async function emailTo(fake: FakeResend, address: string): Promise<FakeEmail> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const email = fake.sent.find((e) => e.to.includes(address))
    if (email) return email
    if (Date.now() > deadline) throw new Error(`no email to ${address}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The link in the coaching email, as the candidate would follow it: `/c/<token>`. */
export function linkIn(email: FakeEmail): { path: string; token: string } {
  const match = (email.html ?? '').match(
    /href="http:\/\/followthrough\.test(\/c\/([A-Za-z0-9_-]{32}))"/,
  )
  expect(match, 'coaching link in the email').not.toBeNull()
  return { path: match![1]!, token: match![2]! }
}

/** Logs an interview through the API and returns it with the link its coaching email carries. */
export async function coachedInterview(
  h: Harness,
  fake: FakeResend,
  credential: TestAgency | string,
  overrides: Record<string, unknown> = {},
) {
  const token = typeof credential === 'string' ? credential : credential.secretKey
  const interview = await logInterview(h, token, { interviewers: threeInterviewers, ...overrides })
  const email = await emailTo(fake, interview.candidate.email)
  return { interview, email, ...linkIn(email) }
}

/** A form post as a browser without JavaScript sends it; the redirect is returned, not followed. */
export function postForm(h: Harness, path: string, fields: Record<string, string>) {
  return fetch(h.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
}

export async function tableCounts(h: Harness) {
  const count = async (table: 'events' | 'drafts') =>
    Number(
      (
        await h.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const sent = await h.db
    .selectFrom('interviewers')
    .select(['id', 'note_sent_at'])
    .where('note_sent_at', 'is not', null)
    .orderBy('id')
    .execute()
  return { events: await count('events'), drafts: await count('drafts'), sent }
}

/**
 * A candidate-page suite's world: its worker with a fake Resend (emptied before each test) and a
 * branded agency in London.
 */
export function useCandidateWorld() {
  const fake = useFakeResend()
  const h = useHarness(() => resendBindings(fake))
  const agency = useAgency(h, {
    name: 'Brightpath Careers',
    timeZone: 'Europe/London',
    branding: { primaryColor: '#6b1f5c', logoUrl: 'https://brightpath.example/logo.png' },
  })
  beforeEach(() => fake.reset())
  const getPage = (path: string) => h.request('GET', path)
  const interviewerIds = (interview: { interviewers: { id: string }[] }) =>
    interview.interviewers.map((p) => p.id)
  return { fake, h, agency, getPage, interviewerIds }
}
