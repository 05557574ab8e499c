import type { Db } from '../../../db/client'
import type { GreenhousePollState, IntegrationRow } from '../../../db/schema'
import type { RequestMailing } from '../../outbox/send'
import { noteIntegrationError } from '../../services/integration-deliveries'
import { receiveIntegrationEvent } from '../../services/integration-events'
import { integrationKeyring, openIntegration, providerContext } from '../../services/integrations'
import { ProviderRefused, ProviderUnavailable, type ProviderContext } from '../adapter'
import { isComing, scheduleEvent, withPanels } from './events'
import {
  getApplication,
  getCandidate,
  getDepartment,
  getJob,
  listChangedInterviews,
  type HarvestInterview,
} from './harvest'
import type { WebhookApplication } from './mapping'

// Greenhouse sends no web hook when an interview is scheduled or moved, and whether an
// application web hook comes with one is not documented. So the cron also reads, every run, the
// interviews Harvest says changed since the last read (`updated_at=gte|…`), and reports
// each as the web hooks do (events.ts): a version heard of both ways is one event.
//
// The position is kept in poll_state: the listing's start time and, while a listing is longer
// than one run reads, the page to go on with. It moves only once a page is applied, so a run that
// stops (Harvest down, a 429, a crash) reads that page again; what it had applied is a duplicate.
// A new listing starts at the newest `updated_at` applied (Greenhouse's clock, not ours), at or
// after it, so an interview changed in that same instant but listed too late is not missed; those
// already applied at that instant are kept by id and passed over.

/** Interviews a page: each may cost four reads, and Harvest allows about 75 calls in 30 s. */
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
 * Harvest: the application, its candidate, its job and, when the client company is the job's
 * department, the department. Null when the application is gone.
 */
async function applicationOf(
  context: ProviderContext,
  applicationId: number,
): Promise<WebhookApplication | null> {
  const application = await getApplication(context, applicationId)
  if (!application) return null
  const person = await getCandidate(context, application.candidate_id)
  const job = application.job_id ? await getJob(context, application.job_id) : null
  const { settings } = context.integration
  const byDepartment =
    settings.clientCompany === undefined && settings.clientCompanyField === undefined
  const department =
    byDepartment && job?.department_id ? await getDepartment(context, job.department_id) : null
  return {
    id: application.id,
    candidate: person && {
      first_name: person.first_name,
      last_name: person.last_name,
      email_addresses: person.email_addresses,
    },
    jobs: job
      ? [
          {
            name: job.name,
            departments: department ? [department] : [],
            custom_fields: job.custom_fields ?? {},
          },
        ]
      : [],
    custom_fields: application.custom_fields ?? {},
  }
}

/** The newest change time of a page and the interviews changed then, added to those so far. */
function newestOf(
  records: HarvestInterview[],
  sofar: { newest: string | null; ids: number[] },
): { newest: string | null; ids: number[] } {
  let { newest, ids } = sofar
  for (const record of records) {
    const stamp = record.updated_at ?? record.created_at
    if (!stamp) continue
    const order = newest === null ? 1 : Date.parse(stamp) - Date.parse(newest)
    if (order > 0) [newest, ids] = [stamp, [record.id]]
    else if (order === 0) ids = [...ids, record.id]
  }
  return { newest, ids }
}

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
      // a page named by an earlier Harvest version's listing is not this one's: start again
      const goOn = state.next?.startsWith(`${context.apiUrl}/`) ? state.next : null
      const page = await listChangedInterviews(
        context,
        goOn ? { next: goOn } : { updatedSince: state.updatedAfter, perPage },
      )
      const reached = newestOf(page.records, { newest: state.newest, ids: state.newestIds ?? [] })
      const boundary = Date.parse(state.updatedAfter)
      const passed = new Set(state.seen ?? [])
      const coming = page.records.filter(
        (interview) =>
          isComing(interview, now) &&
          !(
            passed.has(interview.id) &&
            Date.parse(interview.updated_at ?? interview.created_at ?? '') === boundary
          ),
      )
      for (const interview of await withPanels(context, coming)) {
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
        ? { ...state, next: page.next, newest: reached.newest, newestIds: reached.ids }
        : nextListing(state, reached)
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

/** Where the listing after this one starts, and which interviews at that instant it passes over. */
function nextListing(
  state: GreenhousePollState,
  reached: { newest: string | null; ids: number[] },
): GreenhousePollState {
  const start = { provider: 'greenhouse' as const, next: null, newest: null, newestIds: [] }
  if (reached.newest === null)
    return { ...start, updatedAfter: state.updatedAfter, seen: state.seen }
  const same = Date.parse(reached.newest) === Date.parse(state.updatedAfter)
  const seen = same ? [...new Set([...(state.seen ?? []), ...reached.ids])] : reached.ids
  return { ...start, updatedAfter: reached.newest, seen }
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
