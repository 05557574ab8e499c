import { randomUUID } from 'node:crypto'
import type { EmailKind, EmailState } from '../../db/schema'
import { issueCoachingLinks, linkTokenFor } from '../../worker/services/coaching-links'
import type { TestAgency } from './factories'
import { LINK_SECRET, type Harness } from './harness'

// Until interviews can be created through the API in these tests, the rows a coached interview
// leaves behind are written directly, and the link token comes from the real link service.

export interface CoachedInterview {
  candidateId: string
  candidateEmail: string
  interviewId: string
  token: string
  /** the sent coaching email and Resend's id for it */
  emailId: string
  providerId: string
  /** a reminder still waiting in the outbox */
  queuedEmailId: string
}

let counter = 0

export async function createCoachedInterview(
  h: Harness,
  agency: TestAgency,
  options: { endsAt?: Date } = {},
): Promise<CoachedInterview> {
  counter += 1
  const endsAt = options.endsAt ?? new Date(Date.now() - 3_600_000)
  const candidateEmail = `candidate-${counter}-${randomUUID().slice(0, 8)}@example.com`
  const candidate = await h.db
    .insertInto('candidates')
    .values({ agency_id: agency.id, email: candidateEmail })
    .returning('id')
    .executeTakeFirstOrThrow()
  const interview = await h.db
    .insertInto('interviews')
    .values({
      agency_id: agency.id,
      candidate_id: candidate.id,
      candidate_name: `Candidate ${counter}`,
      role_title: 'Data Analyst',
      client_company: 'Acme',
      starts_at: new Date(endsAt.getTime() - 45 * 60_000),
      ends_at: endsAt,
      duration_minutes: 45,
      format: 'video',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await issueCoachingLinks(h.db, LINK_SECRET, [interview.id])
  const token = await linkTokenFor(LINK_SECRET, interview.id)
  const providerId = randomUUID()
  const emailId = await insertEmail(h, agency.id, interview.id, 'coaching', 'sent', providerId)
  const queuedEmailId = await insertEmail(h, agency.id, interview.id, 'reminder', 'queued', null)
  return {
    candidateId: candidate.id,
    candidateEmail,
    interviewId: interview.id,
    token,
    emailId,
    providerId,
    queuedEmailId,
  }
}

async function insertEmail(
  h: Harness,
  agencyId: string,
  interviewId: string,
  kind: EmailKind,
  state: EmailState,
  providerId: string | null,
): Promise<string> {
  const row = await h.db
    .insertInto('emails')
    .values({
      agency_id: agencyId,
      interview_id: interviewId,
      kind,
      state,
      next_attempt_at: new Date(),
      provider_id: providerId,
      sent_at: state === 'sent' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Erases the candidate as the erasure endpoint will: the row stays, the person's data goes. */
export async function eraseCandidate(h: Harness, candidateId: string): Promise<void> {
  await h.db
    .updateTable('candidates')
    .set({ email: null, erased_at: new Date() })
    .where('id', '=', candidateId)
    .execute()
}

export async function emailState(h: Harness, emailId: string): Promise<EmailState> {
  const row = await h.db
    .selectFrom('emails')
    .select('state')
    .where('id', '=', emailId)
    .executeTakeFirstOrThrow()
  return row.state
}

/** The agency's suppressed addresses (hashed) and why each is suppressed. */
export function suppressionsOf(h: Harness, agencyId: string) {
  return h.db
    .selectFrom('suppressions')
    .select(['email_hash', 'reason'])
    .where('agency_id', '=', agencyId)
    .execute()
}

/** Row counts of what email events and unsubscribes write, to show that nothing changed. */
export async function countRows(h: Harness) {
  const count = async (table: 'webhook_receipts' | 'events' | 'suppressions') => {
    const row = await h.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  const [receipts, events, suppressions, canceled, unsubscribed] = await Promise.all([
    count('webhook_receipts'),
    count('events'),
    count('suppressions'),
    h.db
      .selectFrom('emails')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', '=', 'canceled')
      .executeTakeFirstOrThrow(),
    h.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unsubscribed_at', 'is not', null)
      .executeTakeFirstOrThrow(),
  ])
  return {
    receipts,
    events,
    suppressions,
    canceledEmails: Number(canceled.n),
    unsubscribedCandidates: Number(unsubscribed.n),
  }
}
