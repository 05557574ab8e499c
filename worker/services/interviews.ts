import type { Db } from '../../db/client'
import { ApiError, notFound } from '../errors'
import { pageOf, type Page } from '../lib/pagination'
import { inTransaction } from '../lib/transaction'
import { enqueueInterviewEmails, enqueueResend } from '../outbox/enqueue'
import type { EmailCandidate } from '../email/compose'
import { sendAfterResponse, type RequestMailing } from '../outbox/send'
import { enqueueInterviewTexts, followNewNumber } from '../sms/outbox'
import { sendTextAfterResponse } from '../sms/send'
import type { Agency } from '../schemas/agency'
import {
  interviewLimits,
  type CreateInterviewInput,
  type Interview,
  type InterviewListQuery,
} from '../schemas/interview'
import { getAgency } from './agencies'
import { externalRefTaken } from './external-refs'
import { recruiterFor } from './recruiters'
import { coachingStatusOf } from './coaching-status'
import { onceForKey, type StoredResponse } from './idempotency'
import { interviewsWithCandidate, toInterviews } from './interview-views'

/** Who is asking: the whole agency (secret key, manager) or one recruiter. */
export interface Viewer {
  agencyId: string
  /** set when the viewer may only see this recruiter's interviews */
  ownRecruiterId: string | null
}

const dayMs = 24 * 3_600_000
const { latestPastDays, furthestAheadDays } = interviewLimits

export function checkTimes(startsAt: Date, now: Date) {
  const invalid = (message: string) =>
    new ApiError('validation_failed', 'The request body is not valid.', [
      { path: 'startsAt', message },
    ])
  if (startsAt.getTime() > now.getTime() + furthestAheadDays * dayMs) {
    throw invalid(`Schedule interviews at most ${furthestAheadDays} days ahead.`)
  }
  if (startsAt.getTime() < now.getTime() - latestPastDays * dayMs) {
    throw invalid(
      `This interview is more than ${latestPastDays} days old; a note would come too late.`,
    )
  }
}

/** When a change is made and what its messages are written with. */
export interface MailingOptions {
  now: Date
  publicUrl: string
  fromAddress: string
}

export interface CreatedInterview {
  interview: Interview
  /** the coaching email to send straight after the transaction commits; null: none is due */
  coachingEmailId: string | null
  /** the coaching text to send straight after the transaction commits; null: none is due */
  coachingTextId: string | null
  /** the caller's last statement before commit (see enqueueInterviewEmails) */
  countAgainstQuotas: (trx: Db) => Promise<void>
}

/** The candidate as the emails address them: what the input leaves out, from the agency. */
function candidateOf(agency: Agency, input: CreateInterviewInput): EmailCandidate {
  const { name, email, preferredName, language, timeZone } = input.candidate
  return {
    name,
    email,
    preferredName: preferredName ?? null,
    language: language ?? agency.defaultLanguage,
    timeZone: timeZone ?? null,
  }
}

/**
 * What logging an interview changes of a known person's texting details: a number given replaces
 * the one kept, and consent is what this interview says when it says so. Without either, both
 * stay as they were (the row is still locked by the update).
 */
function textContactOf(candidate: CreateInterviewInput['candidate']) {
  return {
    ...(candidate.phone !== undefined ? { phone: candidate.phone } : {}),
    ...(candidate.smsConsent !== undefined ? { sms_consent: candidate.smsConsent } : {}),
  }
}

/**
 * Logs an interview, one that has taken place or one ahead: the candidate (matched by email
 * within the agency), the interviewers, and the coaching email and reminder in the outbox, all in
 * the caller's transaction, so either everything exists or nothing does. An interview with an
 * external reference the agency already has is refused (409), naming the one it has. The coaching
 * email counts against the send quotas; over them, nothing is written and the caller gets 429
 * quota_exceeded.
 */
export async function createInterview(
  trx: Db,
  agency: Agency,
  actor: { sessionRecruiterId: string | null },
  input: CreateInterviewInput,
  options: MailingOptions,
): Promise<CreatedInterview> {
  const startsAt = new Date(input.startsAt)
  checkTimes(startsAt, options.now)
  const person = candidateOf(agency, input)
  const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000)
  const recruiter = await recruiterFor(
    trx,
    agency.id,
    actor.sessionRecruiterId,
    input.recruiterExternalId,
  )

  // The person is one row per address and agency; the update changes nothing but takes the row's
  // lock until this commits, so an erasure or the retention purge of this person waits for this
  // interview and then sees it. The name belongs to the interview: logging one never renames the
  // person on anyone else's interviews.
  const candidate = await trx
    .insertInto('candidates')
    .values({
      agency_id: agency.id,
      email: input.candidate.email,
      phone: input.candidate.phone ?? null,
      sms_consent: input.candidate.smsConsent ?? false,
    })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'email'])
        .where('email', 'is not', null)
        .doUpdateSet((eb) => ({
          email: eb.ref('excluded.email'),
          ...textContactOf(input.candidate),
        })),
    )
    .returning(['id', 'unsubscribed_at'])
    .executeTakeFirstOrThrow()

  if (input.candidate.phone) {
    await followNewNumber(trx, agency.id, candidate.id, input.candidate.phone)
  }

  const interview = await trx
    .insertInto('interviews')
    .values({
      agency_id: agency.id,
      recruiter_id: recruiter?.id ?? null,
      candidate_id: candidate.id,
      candidate_name: person.name,
      candidate_preferred_name: person.preferredName,
      candidate_language: person.language,
      candidate_time_zone: person.timeZone,
      note_language: input.noteLanguage ?? agency.defaultLanguage,
      role_title: input.roleTitle,
      client_company: input.clientCompany,
      starts_at: startsAt,
      ends_at: endsAt,
      duration_minutes: input.durationMinutes,
      format: input.format,
      talking_points: input.talkingPoints || null,
      external_system: input.externalRef?.system ?? null,
      external_id: input.externalRef?.id ?? null,
    })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'external_system', 'external_id'])
        .where('external_system', 'is not', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst()
  if (!interview) throw await externalRefTaken(trx, agency.id, input.externalRef!)

  await insertInterviewers(trx, interview.id, input.interviewers)

  const { coachingEmailId, queued, dueAt, reminderDueAt, countAgainstQuotas } =
    await enqueueInterviewEmails(
      trx,
      {
        agency,
        interviewId: interview.id,
        candidateId: candidate.id,
        recruiterId: recruiter?.id ?? null,
        candidate: person,
        recruiter,
        roleTitle: input.roleTitle,
        clientCompany: input.clientCompany,
        interviewers: input.interviewers.map((p) => ({ name: p.name, title: p.title ?? null })),
        endsAt,
        publicUrl: options.publicUrl,
        fromAddress: options.fromAddress,
      },
      options.now,
    )
  const coachingTextId = queued
    ? await enqueueInterviewTexts(trx, {
        agency,
        interviewId: interview.id,
        candidateId: candidate.id,
        language: person.language,
        dueAt: { coaching: dueAt, reminder: reminderDueAt },
        publicUrl: options.publicUrl,
      })
    : null

  const [created] = toInterviews([
    await interviewsWithCandidate(trx).where('i.id', '=', interview.id).executeTakeFirstOrThrow(),
  ])
  return {
    interview: created!,
    coachingEmailId: queued && dueAt <= options.now ? coachingEmailId : null,
    coachingTextId: dueAt <= options.now ? coachingTextId : null,
    countAgainstQuotas,
  }
}

/**
 * POST /v1/interviews: logs the interview once per Idempotency-Key (a replay returns the first
 * answer) and sends its coaching email as soon as the response is out. Links point at PUBLIC_URL,
 * or outside production without one, at the origin the request came to.
 */
export async function logInterview(
  db: Db,
  request: RequestMailing,
  actor: { agencyId: string; sessionRecruiterId: string | null },
  input: CreateInterviewInput,
  options: { idempotencyKey: string | undefined; requestOrigin: string },
): Promise<StoredResponse<Interview>> {
  const agency = await getAgency(db, actor.agencyId)
  const now = new Date()
  let coachingEmailId: string | null = null
  let coachingTextId: string | null = null
  const result = await onceForKey(
    db,
    actor.agencyId,
    options.idempotencyKey,
    { input, by: actor.sessionRecruiterId },
    async (trx) => {
      const created = await createInterview(trx, agency, actor, input, {
        now,
        publicUrl: request.config.publicUrl ?? options.requestOrigin,
        fromAddress: request.config.email.from,
      })
      coachingEmailId = created.coachingEmailId
      coachingTextId = created.coachingTextId
      return { status: 201, body: created.interview, last: created.countAgainstQuotas }
    },
  )
  if (coachingEmailId) sendAfterResponse(request, coachingEmailId)
  if (coachingTextId) sendTextAfterResponse(request, coachingTextId)
  return result
}

/**
 * POST /v1/interviews/:id/resend: queues the coaching email again (see enqueueResend for when it
 * is refused), sends it as soon as the response is out, and returns the interview.
 */
export async function resendCoachingEmail(
  db: Db,
  request: RequestMailing,
  viewer: Viewer,
  interviewId: string,
): Promise<Interview> {
  // another agency's interview, or another recruiter's, is a 404 before anything is locked
  await getInterview(db, viewer, interviewId)
  const emailId = await inTransaction(db, (trx) =>
    enqueueResend(trx, viewer.agencyId, interviewId, new Date()),
  )
  sendAfterResponse(request, emailId)
  return getInterview(db, viewer, interviewId)
}

export async function getInterview(
  db: Db,
  viewer: Viewer,
  interviewId: string,
): Promise<Interview> {
  let query = interviewsWithCandidate(db)
    .where('i.agency_id', '=', viewer.agencyId)
    .where('i.id', '=', interviewId)
  if (viewer.ownRecruiterId) query = query.where('i.recruiter_id', '=', viewer.ownRecruiterId)
  const row = await query.executeTakeFirst()
  if (!row) throw notFound('Interview')
  const [interview] = toInterviews([row])
  return interview!
}

/** `text` matched literally by ILIKE: its own %, _ and \ are escaped. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&')

/** Whose interviews a list shows: a recruiter session's own, and no other recruiter's (403). */
export function recruiterFilterOf(viewer: Viewer, asked: string | undefined) {
  if (viewer.ownRecruiterId && asked && asked !== viewer.ownRecruiterId) {
    throw new ApiError(
      'forbidden',
      "A recruiter session lists only the recruiter's own interviews.",
    )
  }
  return viewer.ownRecruiterId ?? asked
}

export async function listInterviews(
  db: Db,
  viewer: Viewer,
  filters: InterviewListQuery,
): Promise<Page<Interview> & { scope: 'agency' | 'own' }> {
  let query = interviewsWithCandidate(db).where('i.agency_id', '=', viewer.agencyId)
  const recruiterId = recruiterFilterOf(viewer, filters.recruiterId)
  if (recruiterId) query = query.where('i.recruiter_id', '=', recruiterId)
  if (filters.clientCompany) {
    query = query.where('i.client_company', 'ilike', likeLiteral(filters.clientCompany))
  }
  if (filters.q) {
    const pattern = `%${likeLiteral(filters.q)}%`
    query = query.where((eb) =>
      eb.or([eb('i.candidate_name', 'ilike', pattern), eb('i.client_company', 'ilike', pattern)]),
    )
  }
  if (filters.from) query = query.where('i.starts_at', '>=', new Date(filters.from))
  if (filters.to) query = query.where('i.starts_at', '<', new Date(filters.to))
  if (filters.status) query = query.where(coachingStatusOf('i'), '=', filters.status)
  if (filters.externalSystem) query = query.where('i.external_system', '=', filters.externalSystem)
  if (filters.externalId) query = query.where('i.external_id', '=', filters.externalId)
  const page = await pageOf(query, filters, (row) => row, 'i', filters.order)
  return {
    data: toInterviews(page.data),
    nextCursor: page.nextCursor,
    scope: viewer.ownRecruiterId ? 'own' : 'agency',
  }
}

export async function insertInterviewers(
  trx: Db,
  interviewId: string,
  people: CreateInterviewInput['interviewers'],
) {
  await trx
    .insertInto('interviewers')
    .values(
      people.map((person, position) => ({
        interview_id: interviewId,
        position,
        name: person.name,
        title: person.title ?? null,
        email: person.email ?? null,
      })),
    )
    .execute()
}
