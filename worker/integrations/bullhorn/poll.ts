import { sql } from 'kysely'
import type { Db } from '../../../db/client'
import type { BullhornPollState, IntegrationRow } from '../../../db/schema'
import type { Config } from '../../config'
import type { RequestMailing } from '../../outbox/send'
import { noteIntegrationError } from '../../services/integration-deliveries'
import { receiveIntegrationEvent } from '../../services/integration-events'
import {
  integrationKeyring,
  integrationRow,
  openIntegration,
  rotateCredentials,
} from '../../services/integrations'
import { ProviderRefused, ProviderUnavailable } from '../adapter'
import { eventsOf, inboundEventOf, type BullhornEvent } from './events'
import { BullhornError, SessionExpired } from './http'
import { BullhornRest, renewSession } from './session'

// Bullhorn sends no webhooks: each integration's event subscription is read by the cron. A read
// takes the events off Bullhorn's queue, and the same batch can be read again by its requestId
// (bullhorn/rest-api-docs _subscription.md). So the batch's requestId is stored, marked applied
// only once every event of it was, and a poll that stopped half-way (a crash, Bullhorn down)
// reads the same batch again; its events already applied are duplicates by their eventId.
// Reading a batch holds the integration's row lock, so two polls never read two batches at once.

const maxEvents = 100
/**
 * Batches per integration and run: a backlog is worked off over a few minutes, and a run's calls
 * (one read per event) stay well inside a Worker invocation's subrequest limit.
 */
const maxBatches = 5

interface Batch {
  requestId: number
  events: BullhornEvent[]
  credentials: Record<string, string>
}

/**
 * The batch to apply next: the one not fully applied, else a new one; null when none waits;
 * `lost` when Bullhorn no longer gives the batch left half-applied.
 */
async function claimBatch(
  db: Db,
  config: Config,
  integrationId: string,
): Promise<Batch | { lost: number; reason: string } | null> {
  const ring = await integrationKeyring(config)
  return db.transaction().execute(async (trx) => {
    const row = await integrationRow(trx, integrationId, true)
    const state = row?.poll_state
    if (!row || !state || !('subscription' in state)) return null
    const { credentials } = await openIntegration(ring, row)
    // inside the lock no session is renewed (that takes the same lock): the caller does it
    const rest = new BullhornRest(credentials, null)
    const path = `event/subscription/${encodeURIComponent(state.subscription)}`
    const again = state.requestId !== null && !state.applied
    const save = (next: BullhornPollState) =>
      trx
        .updateTable('integrations')
        .set({ poll_state: next })
        .where('id', '=', integrationId)
        .execute()
    let answer: Record<string, unknown> | null
    try {
      answer = await rest.call(
        again
          ? `${path}?maxEvents=${maxEvents}&requestId=${state.requestId}`
          : `${path}?maxEvents=${maxEvents}`,
      )
    } catch (err) {
      if (!again || !(err instanceof BullhornError) || err.status !== 400) throw err
      // Bullhorn no longer has the batch (it keeps them for a while only): go on past it
      await save({ ...state, applied: true })
      return { lost: state.requestId!, reason: err.message }
    }
    const requestId = typeof answer?.requestId === 'number' ? answer.requestId : null
    if (requestId === null) return null
    await save({ ...state, requestId, applied: false })
    return { requestId, events: eventsOf(answer), credentials }
  })
}

async function markApplied(db: Db, integrationId: string, requestId: number) {
  await db
    .updateTable('integrations')
    .set({ poll_state: sql`jsonb_set(poll_state, '{applied}', 'true')` })
    .where('id', '=', integrationId)
    .where(sql<string>`poll_state->>'requestId'`, '=', String(requestId))
    .execute()
}

/** The events of the batch recorded already. */
async function recordedEvents(db: Db, integrationId: string, events: BullhornEvent[]) {
  if (events.length === 0) return new Set<string>()
  const ids = events.map((event) => event.eventId)
  const rows = await db
    .selectFrom('integration_events')
    .select('event_id')
    .where((eb) => eb.and([eb('integration_id', '=', integrationId), eb('event_id', 'in', ids)]))
    .execute()
  return new Set(rows.map((row) => row.event_id))
}

export interface PollReport {
  events: number
  error?: string
}

/**
 * Reads and applies the integration's waiting events, batch after batch. A call Bullhorn does not
 * answer (5xx, 429, no answer) ends the poll with the batch left for the next run; an event whose
 * record Bullhorn refuses to give is passed over with the reason shown on the integration.
 */
export async function pollIntegration(
  db: Db,
  request: RequestMailing,
  integration: IntegrationRow,
): Promise<PollReport> {
  const { config } = request
  const ring = await integrationKeyring(config)
  const renew = (failed: string) =>
    rotateCredentials(db, ring, integration.id, renewSession(failed))
  const origin = { requestOrigin: config.publicUrl ?? '' }
  let applied = 0
  try {
    for (let round = 0; round < maxBatches; round++) {
      let batch: Awaited<ReturnType<typeof claimBatch>>
      try {
        batch = await claimBatch(db, config, integration.id)
      } catch (err) {
        if (!(err instanceof SessionExpired)) throw err
        await renew(err.bhRestToken)
        batch = await claimBatch(db, config, integration.id)
      }
      if (!batch) break
      if ('lost' in batch) {
        const message = `Bullhorn no longer had events batch ${batch.lost} (${batch.reason}); some of its events may be missing.`
        await noteIntegrationError(db, integration.id, message, new Date())
        continue
      }
      const rest = new BullhornRest(batch.credentials, renew)
      const recorded = await recordedEvents(db, integration.id, batch.events)
      for (const event of batch.events) {
        // applied by an earlier read of this batch: its record need not be read again
        if (recorded.has(event.eventId)) continue
        let inbound
        try {
          inbound = await inboundEventOf(db, rest, integration.agency_id, event)
        } catch (err) {
          if (!(err instanceof ProviderRefused)) throw err
          await noteIntegrationError(db, integration.id, err.message, new Date())
          continue
        }
        if (inbound) await receiveIntegrationEvent(db, request, integration, inbound, origin)
        applied += 1
      }
      await markApplied(db, integration.id, batch.requestId)
      if (batch.events.length < maxEvents) break
    }
  } catch (err) {
    if (!(err instanceof ProviderUnavailable) && !(err instanceof ProviderRefused)) throw err
    await noteIntegrationError(db, integration.id, `Polling Bullhorn: ${err.message}`, new Date())
    return { events: applied, error: err.message }
  }
  return { events: applied }
}

/** The cron's poll of every connected Bullhorn integration, one after another. */
export async function pollBullhorn(db: Db, request: RequestMailing) {
  const integrations = await db
    .selectFrom('integrations')
    .selectAll()
    .where('provider', '=', 'bullhorn')
    .where('poll_state', 'is not', null)
    .execute()
  const reports: Record<string, PollReport> = {}
  for (const integration of integrations) {
    try {
      reports[integration.id] = await pollIntegration(db, request, integration)
    } catch (err) {
      console.error(`[bullhorn] polling ${integration.id} failed`, err)
    }
  }
  return reports
}
