import type { Db } from '../../db/client'
import type { IntegrationEventResult, IntegrationRow } from '../../db/schema'
import { ApiError } from '../errors'
import { interviewOfEventData, type EventInterview } from '../integrations/interview-data'
import { inTransaction } from '../lib/transaction'
import { sendAfterResponse, type RequestMailing } from '../outbox/send'
import { sendTextAfterResponse } from '../sms/send'
import type { EventResult, InboundEvent } from '../schemas/integration'
import type { ExternalRef } from '../schemas/interview'
import { getAgency } from './agencies'
import { changeInterview, markInterviewCanceled } from './interview-changes'
import { setOutcome } from './outcomes'
import { interviewIdOfRef, interviewIdsUnder } from './external-refs'
import { createInterview, type MailingOptions } from './interviews'

// Inbound ATS events, applied exactly once and in order. Each is recorded by (integration,
// sender's id) in the transaction that applies it: a re-delivery waits for the first to commit
// and then finds it recorded. Per record of the other system, the provider time of the newest
// event applied is kept, so an event that arrives late is recorded as stale and never undoes a
// newer one. Locks: the event's record row, then the external record, then (changing an
// interview) its candidate and the interview, as every other change of an interview takes them.

type Applied =
  | {
      result: Exclude<IntegrationEventResult, 'ignored'>
      /** null: canceled before it was scheduled here (a tombstone) */
      interviewId: string | null
      /** the coaching email to send once this commits */
      coachingEmailId?: string | null
      /** and its text, when one goes with it */
      coachingTextId?: string | null
      /** the transaction's last statement: the send-quota count */
      last?: (trx: Db) => Promise<void>
    }
  | { result: 'ignored'; reason: string }

const ignored = (reason: string): Applied => ({ result: 'ignored', reason })

/** An ATS record's row, locked; made on first sight. */
async function lockExternalRecord(trx: Db, agencyId: string, ref: ExternalRef) {
  const key = { agency_id: agencyId, system: ref.system, external_id: ref.id }
  await trx
    .insertInto('external_records')
    .values(key)
    .onConflict((oc) => oc.doNothing())
    .execute()
  return trx
    .selectFrom('external_records')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('system', '=', ref.system)
    .where('external_id', '=', ref.id)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

/**
 * An ATS names the record's owner by its own user id (`<provider>:<id>`); an owner with no
 * recruiter of that external id here yet leaves the interview without one rather than dropping
 * it. (The generic webhook names the agency's own recruiter ids, and an unknown one is refused.)
 */
async function forgetUnknownOwner(trx: Db, integration: IntegrationRow, interview: EventInterview) {
  const owner = interview.recruiterExternalId
  if (integration.provider === 'webhook' || owner === undefined) return
  const known = await trx
    .selectFrom('recruiters')
    .select('id')
    .where('agency_id', '=', integration.agency_id)
    .where('external_id', '=', owner)
    .executeTakeFirst()
  if (!known) delete interview.recruiterExternalId
}

async function applyEvent(
  trx: Db,
  integration: IntegrationRow,
  event: InboundEvent,
  options: MailingOptions,
): Promise<Applied> {
  const agencyId = integration.agency_id
  const ref = { system: integration.provider, id: event.interview.externalRef.id }
  if (event.event === 'interview.outcome') return applyOutcomeEvent(trx, agencyId, ref, event)
  const occurredAt = new Date(event.occurredAt)
  const record = await lockExternalRecord(trx, agencyId, ref)
  if (record.last_occurred_at && occurredAt < record.last_occurred_at) {
    return ignored(
      `Stale: an event of ${record.last_occurred_at.toISOString()} for this record was applied.`,
    )
  }
  if (record.canceled_at) return ignored('The interview was canceled.')
  const viewer = { agencyId, ownRecruiterId: null }
  const interviewId = record.interview_id ?? (await interviewIdOfRef(trx, agencyId, ref))
  const remember = (values: { interview_id: string | null; canceled_at?: Date }) =>
    trx
      .updateTable('external_records')
      .set({ ...values, last_occurred_at: occurredAt })
      .where('agency_id', '=', agencyId)
      .where('system', '=', ref.system)
      .where('external_id', '=', ref.id)
      .execute()

  if (event.event === 'interview.canceled') {
    if (interviewId) await markInterviewCanceled(trx, viewer, interviewId, options.now)
    // without an interview yet, a tombstone: the scheduling event that comes later is stale
    await remember({ interview_id: interviewId, canceled_at: options.now })
    return { result: 'canceled', interviewId }
  }

  const mapped = interviewOfEventData(event.interview)
  if ('reason' in mapped) return ignored(mapped.reason)
  await forgetUnknownOwner(trx, integration, mapped.interview)
  const agency = await getAgency(trx, agencyId)
  if (!interviewId) {
    const created = await createInterview(
      trx,
      agency,
      { sessionRecruiterId: null },
      { ...mapped.interview, externalRef: ref },
      options,
    )
    await remember({ interview_id: created.interview.id })
    return {
      result: 'created',
      interviewId: created.interview.id,
      coachingEmailId: created.coachingEmailId,
      coachingTextId: created.coachingTextId,
      last: created.countAgainstQuotas,
    }
  }
  const { candidate: _candidate, recruiterExternalId: _recruiter, ...patch } = mapped.interview
  const coachingEmailId = await changeInterview(trx, agency, viewer, interviewId, patch, options)
  await remember({ interview_id: interviewId })
  return { result: 'updated', interviewId, coachingEmailId }
}

/**
 * An outcome moves only the interview's outcome, never the record's schedule, so it is ordered by
 * its own time against the outcome already recorded, not against the record's other events. An
 * externalRef id ending in "/" names a parent record (an application): every interview under it.
 */
async function applyOutcomeEvent(
  trx: Db,
  agencyId: string,
  ref: ExternalRef,
  event: InboundEvent,
): Promise<Applied> {
  if (!event.outcome) return ignored('An interview.outcome event needs outcome.stage.')
  const interviewIds = ref.id.endsWith('/')
    ? await interviewIdsUnder(trx, agencyId, ref)
    : [await interviewIdOfRef(trx, agencyId, ref)].filter((id) => id !== null)
  if (interviewIds.length === 0) return ignored('No interview for this record yet.')
  const at = new Date(event.outcome.at ?? event.occurredAt)
  const results: Awaited<ReturnType<typeof setOutcome>>[] = []
  for (const interviewId of interviewIds) {
    results.push(await setOutcome(trx, agencyId, interviewId, event.outcome.stage, at))
  }
  const recorded = interviewIds.filter((_, i) => results[i] === 'recorded')
  if (recorded.length > 0) return { result: 'updated', interviewId: recorded[0]! }
  if (results.includes('canceled')) return ignored('The interview was canceled.')
  return ignored('Stale: a newer outcome of this interview was recorded.')
}

/** Claims the event's record; false when it was recorded before (a duplicate). */
async function claimEvent(trx: Db, integration: IntegrationRow, event: InboundEvent) {
  const claimed = await trx
    .insertInto('integration_events')
    .values({
      integration_id: integration.id,
      event_id: event.id,
      type: event.event,
      occurred_at: event.occurredAt,
      result: 'ignored',
    })
    .onConflict((oc) => oc.doNothing())
    .returning('event_id')
    .executeTakeFirst()
  return claimed !== undefined
}

/** What the event did, on its record and the integration's counts. */
async function recordOutcome(
  trx: Db,
  integration: IntegrationRow,
  event: InboundEvent,
  applied: Applied,
  now: Date,
) {
  const ignoredReason = applied.result === 'ignored' ? applied.reason : null
  await trx
    .updateTable('integration_events')
    .set({
      result: applied.result,
      reason: ignoredReason,
      interview_id: 'interviewId' in applied ? applied.interviewId : null,
    })
    .where('integration_id', '=', integration.id)
    .where('event_id', '=', event.id)
    .execute()
  const counter = `${applied.result}_count` as const
  await trx
    .updateTable('integrations')
    .set((eb) => ({
      [counter]: eb(counter, '+', 1),
      last_event_at: now,
      ...(ignoredReason === null ? {} : { last_error: ignoredReason, last_error_at: now }),
    }))
    .where('id', '=', integration.id)
    .execute()
}

/**
 * Why the other system's record could not be applied, when an interview service refused it (a
 * time out of range, an unknown recruiter, a change after the coaching email went); null for
 * failures the sender should retry (a send quota, a busy database).
 */
function unappliableReason(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null
  if (!['validation_failed', 'conflict', 'not_found'].includes(err.code)) return null
  const details = err.details.map((d) => `${d.path}: ${d.message}`).join('; ')
  return details || err.message
}

/**
 * POST /integrations/:id/events, once its signature is checked: applies the event once, or
 * records why it was ignored (answered 200, so the sender does not retry it forever). Past a
 * send quota nothing is recorded and the 429 tells the sender to retry later.
 */
export async function receiveIntegrationEvent(
  db: Db,
  request: RequestMailing,
  integration: IntegrationRow,
  event: InboundEvent,
  options: { requestOrigin: string },
): Promise<EventResult> {
  const mailing = {
    now: new Date(),
    publicUrl: request.config.publicUrl ?? options.requestOrigin,
    fromAddress: request.config.email.from,
  }
  let outcome: Applied | 'duplicate'
  try {
    outcome = await inTransaction(db, async (trx) => {
      if (!(await claimEvent(trx, integration, event))) return 'duplicate' as const
      const applied = await applyEvent(trx, integration, event, mailing)
      await recordOutcome(trx, integration, event, applied, mailing.now)
      if ('last' in applied) await applied.last?.(trx)
      return applied
    })
  } catch (err) {
    const reason = unappliableReason(err)
    if (reason === null) throw err
    // what the refused attempt wrote is rolled back; the event is recorded as ignored on its own
    outcome = await inTransaction(db, async (trx) => {
      if (!(await claimEvent(trx, integration, event))) return 'duplicate' as const
      const applied = ignored(reason)
      await recordOutcome(trx, integration, event, applied, mailing.now)
      return applied
    })
  }
  if (outcome === 'duplicate') return { result: 'duplicate' }
  if (outcome.result === 'ignored') return { result: 'ignored', reason: outcome.reason }
  if (outcome.coachingEmailId) sendAfterResponse(request, outcome.coachingEmailId)
  if (outcome.coachingTextId) sendTextAfterResponse(request, outcome.coachingTextId)
  return {
    result: outcome.result,
    ...(outcome.interviewId ? { interviewId: outcome.interviewId } : {}),
  }
}
