import type { Db } from '../../../db/client'
import type { GreenhousePollState, IntegrationRow } from '../../../db/schema'
import type { RequestMailing } from '../../outbox/send'
import { noteIntegrationError } from '../../services/integration-deliveries'
import { receiveIntegrationEvent } from '../../services/integration-events'
import { integrationKeyring, openIntegration, providerContext } from '../../services/integrations'
import { ProviderRefused, ProviderUnavailable, type ProviderContext } from '../adapter'
import { isComing, scheduleEvent } from './events'
import { getApplication, getCandidate, getJob, listChangedInterviews } from './harvest'
import type { WebhookApplication } from './mapping'

// Greenhouse sends no web hook when an interview is scheduled or moved, and whether an
// application web hook comes with one is not documented. So the cron also reads, every run, the
// scheduled interviews Harvest says changed since the last read (`updated_after`), and reports
// each as the web hooks do (events.ts): a version heard of both ways is one event.
//
// The position is kept in poll_state: the listing's start time and, while a listing is longer
// than one run reads, the page to go on with. It moves only once a page is applied, so a run that
// stops (Harvest down, a 429, a crash) reads that page again; what it had applied is a duplicate.
// A new listing starts after the newest `updated_at` applied (Greenhouse's clock, not ours).

/** Interviews a page: each may cost three reads, and Harvest allows about 50 calls in 10 s. */
const perPage = 15
/** Pages per integration and run: a backlog is worked off over a few minutes. */
const maxPages = 3
/** A new integration's first listing starts a little before it was created, not at the start. */
const firstLookBackMs = 5 * 60_000

function stateOf(integration: IntegrationRow): GreenhousePollState {
  const stored = integration.poll_state
  if (stored && 'provider' in stored && stored.provider === 'greenhouse') return stored
  const start = new Date(integration.created_at).getTime() - firstLookBackMs
  return {
    provider: 'greenhouse',
    updatedAfter: new Date(start).toISOString(),
    next: null,
    newest: null,
  }
}

/**
 * The application as the web hooks carry it (the fields mapping.ts reads), put together from
 * Harvest: the application, its candidate and, when the client company is read from it, the job.
 * Null when the application is gone.
 */
async function applicationOf(
  context: ProviderContext,
  applicationId: number,
): Promise<WebhookApplication | null> {
  const application = await getApplication(context, applicationId)
  if (!application) return null
  const person = await getCandidate(context, application.candidate_id)
  const first = application.jobs?.[0]
  const fixedClient = typeof context.integration.settings.clientCompany === 'string'
  const job = first && !fixedClient ? await getJob(context, first.id) : null
  return {
    id: application.id,
    candidate: person && {
      first_name: person.first_name,
      last_name: person.last_name,
      email_addresses: person.email_addresses,
    },
    jobs: first
      ? [
          {
            name: job?.name ?? first.name,
            departments: job?.departments ?? [],
            custom_fields: job?.keyed_custom_fields ?? {},
          },
        ]
      : [],
    custom_fields: application.keyed_custom_fields ?? {},
  }
}

const later = (a: string | null, b: string | null | undefined) =>
  !b || (a !== null && Date.parse(a) >= Date.parse(b)) ? a : b

export interface GreenhousePollReport {
  events: number
  error?: string
}

/**
 * Reads the interviews changed since the last run, page after page, and applies each coming one.
 * A call Harvest does not answer (5xx, 429, no answer) or refuses ends the run with the page left
 * for the next one, and shows on the integration.
 */
export async function pollGreenhouseIntegration(
  db: Db,
  request: RequestMailing,
  integration: IntegrationRow,
  now: Date,
): Promise<GreenhousePollReport> {
  const opened = await openIntegration(await integrationKeyring(request.config), integration)
  const context = providerContext(db, request.config, opened, now)
  const origin = { requestOrigin: request.config.publicUrl ?? '' }
  const applications = new Map<number, WebhookApplication | null>()
  let state = stateOf(integration)
  let applied = 0
  try {
    for (let round = 0; round < maxPages; round++) {
      const page = await listChangedInterviews(
        context,
        state.next ? { next: state.next } : { updatedAfter: state.updatedAfter, perPage },
      )
      let newest = state.newest
      for (const interview of page.interviews) {
        newest = later(newest, interview.updated_at ?? interview.created_at)
        if (!isComing(interview, now)) continue
        let application = applications.get(interview.application_id)
        if (application === undefined) {
          application = await applicationOf(context, interview.application_id)
          applications.set(interview.application_id, application)
        }
        if (!application) continue
        const event = await scheduleEvent(interview, application, context)
        const result = await receiveIntegrationEvent(db, request, integration, event, origin)
        if (result.result !== 'duplicate') applied += 1
      }
      state = page.next
        ? { ...state, next: page.next, newest }
        : {
            provider: 'greenhouse',
            updatedAfter: newest ?? state.updatedAfter,
            next: null,
            newest: null,
          }
      await db
        .updateTable('integrations')
        .set({ poll_state: state })
        .where('id', '=', integration.id)
        .execute()
      if (!page.next) break
    }
  } catch (err) {
    if (!(err instanceof ProviderUnavailable) && !(err instanceof ProviderRefused)) throw err
    await noteIntegrationError(db, integration.id, `Polling Greenhouse: ${err.message}`, now)
    return { events: applied, error: err.message }
  }
  return { events: applied }
}

/** The cron's poll of every Greenhouse integration, one after another. */
export async function pollGreenhouse(db: Db, request: RequestMailing, now: Date) {
  const integrations = await db
    .selectFrom('integrations')
    .selectAll()
    .where('provider', '=', 'greenhouse')
    .execute()
  const reports: Record<string, GreenhousePollReport> = {}
  for (const integration of integrations) {
    try {
      reports[integration.id] = await pollGreenhouseIntegration(db, request, integration, now)
    } catch (err) {
      console.error(`[greenhouse] polling ${integration.id} failed`, err)
    }
  }
  return reports
}
