/**
 * A stand-in for Greenhouse's Harvest API v1 on loopback, plus a webhook sender
 * (fake-greenhouse/webhooks.ts).
 *
 * Follows: github.com/grnhse/greenhouse-api-docs (rendered at developers.greenhouse.io/harvest.html
 * and /webhooks.html): source/includes/harvest/{_introduction,_scheduled_interviews,_candidates}.md
 * and source/includes/webhooks/*.md; the 404 body from amp-labs/connectors'
 * providers/greenhouse test fixtures.
 *
 * Simplified or assumed: only the routes our integration uses; one API token with every
 * permission; the note POST answers 201 and a missing or unknown On-Behalf-Of answers 403 (neither
 * is documented); the activity feed holds notes only; the rate limit is a fixed 10-second window.
 * Greenhouse announced the retirement of Harvest v1/v2 for 2026-08-31 in favour of v3 (OAuth,
 * cursor paging, other routes), which this fake does not model: confirm v1 still answers for an
 * agency before building on it.
 */
import {
  basicAuthUser,
  controlsOf,
  type FailureControls,
  type FakeCall,
  type FakeFailure,
  routeCall,
  startFakeServer,
  waitForCount,
} from './fake-ats/server'
import {
  buildApplication,
  buildCandidate,
  buildScheduledInterview,
  buildUser,
  isoNow,
  type GreenhouseApplication,
  type GreenhouseCandidate,
  type GreenhouseNote,
  type GreenhouseScheduledInterview,
  type GreenhouseUser,
} from './fake-greenhouse/records'
import { countAgainstLimit, defaultMessage, routes, type State } from './fake-greenhouse/routes'

export * from './fake-greenhouse/records'
export * from './fake-greenhouse/webhooks'

export interface FakeGreenhouse extends FailureControls {
  /** the Harvest base URL, like https://harvest.greenhouse.io/v1 */
  harvestUrl: string
  /** the API token that Basic auth must carry as its user name */
  apiToken: string
  calls: FakeCall[]
  /** notes written through POST /v1/candidates/{id}/activity_feed/notes, oldest first */
  notes: GreenhouseNote[]
  addUser(overrides?: Partial<GreenhouseUser>): GreenhouseUser
  addCandidate(overrides?: Partial<GreenhouseCandidate>): GreenhouseCandidate
  addApplication(
    candidateId: number,
    overrides?: Partial<GreenhouseApplication>,
  ): GreenhouseApplication
  /** the organizer defaults to the first user added (one is made if there is none) */
  addScheduledInterview(
    applicationId: number,
    overrides?: Partial<GreenhouseScheduledInterview>,
  ): GreenhouseScheduledInterview
  /** changes an interview as a recruiter would in Greenhouse; `updated_at` moves */
  updateScheduledInterview(id: number, changes: Partial<GreenhouseScheduledInterview>): void
  removeScheduledInterview(id: number): void
  /** `limit` calls per `windowMs` (Harvest: 50 per 10 s); the next one gets 429 */
  setRateLimit(limit: number, windowMs?: number): void
  /** resolves once `count` notes have been written */
  waitForNotes(count: number, timeoutMs?: number): Promise<GreenhouseNote[]>
  /** forgets records, notes, calls and failure settings */
  reset(): void
  close(): Promise<void>
}

const DEFAULT_TOKEN = 'gh_harvest_test_token'
const DEFAULT_LIMIT = 50
const DEFAULT_WINDOW_MS = 10_000

export async function startFakeGreenhouse(
  options: { apiToken?: string } = {},
): Promise<FakeGreenhouse> {
  const apiToken = options.apiToken ?? DEFAULT_TOKEN
  const state: State = {
    users: new Map(),
    candidates: new Map(),
    applications: new Map(),
    interviews: new Map(),
    notes: [],
    limit: DEFAULT_LIMIT,
    windowMs: DEFAULT_WINDOW_MS,
    windowStart: Date.now(),
    used: 0,
  }

  const server = await startFakeServer({
    errorBody: (status) => ({ message: defaultMessage(status) }),
    defaultFailure: { status: 500 },
    decorate(_call, answer) {
      answer.headers = {
        'x-ratelimit-limit': String(state.limit),
        'x-ratelimit-remaining': String(Math.max(0, state.limit - state.used)),
        ...answer.headers,
      }
    },
    handle(call, baseUrl) {
      countAgainstLimit(state)
      if (basicAuthUser(call.headers.authorization) !== apiToken) {
        return { status: 401, body: { message: 'Invalid Basic Auth credentials' } }
      }
      if (call.method === 'GET' && call.rawBody !== '') {
        return { status: 403, body: { message: 'GET requests may not carry a body' } }
      }
      return (
        routeCall(routes, call, { state, baseUrl }) ?? {
          status: 404,
          body: { message: 'Resource not found' },
        }
      )
    },
  })

  function firstUser(): GreenhouseUser {
    const existing = state.users.values().next()
    if (!existing.done) return existing.value
    const user = buildUser()
    state.users.set(user.id, user)
    return user
  }

  return {
    harvestUrl: `${server.url}/v1`,
    apiToken,
    ...controlsOf(server),
    notes: state.notes,
    addUser(overrides) {
      const user = buildUser(overrides)
      state.users.set(user.id, user)
      return user
    },
    addCandidate(overrides) {
      const candidate = buildCandidate(overrides)
      state.candidates.set(candidate.id, candidate)
      return candidate
    },
    addApplication(candidateId, overrides) {
      const candidate = state.candidates.get(candidateId)
      if (!candidate) throw new Error(`fake Greenhouse: no candidate ${candidateId}`)
      const application = buildApplication(candidateId, overrides)
      state.applications.set(application.id, application)
      candidate.application_ids.push(application.id)
      return application
    },
    addScheduledInterview(applicationId, overrides) {
      if (!state.applications.has(applicationId)) {
        throw new Error(`fake Greenhouse: no application ${applicationId}`)
      }
      const interview = buildScheduledInterview(applicationId, firstUser(), overrides)
      state.interviews.set(interview.id, interview)
      return interview
    },
    updateScheduledInterview(id, changes) {
      const interview = state.interviews.get(id)
      if (!interview) throw new Error(`fake Greenhouse: no scheduled interview ${id}`)
      Object.assign(interview, changes, { updated_at: isoNow() })
    },
    removeScheduledInterview(id) {
      state.interviews.delete(id)
    },
    setRateLimit(limit, windowMs = DEFAULT_WINDOW_MS) {
      state.limit = limit
      state.windowMs = windowMs
      state.windowStart = Date.now()
      state.used = 0
    },
    waitForNotes: (count, timeoutMs = 5_000) =>
      waitForCount(state.notes, count, timeoutMs, 'fake Greenhouse notes'),
    reset() {
      server.resetServer()
      state.users.clear()
      state.candidates.clear()
      state.applications.clear()
      state.interviews.clear()
      state.notes.length = 0
      state.limit = DEFAULT_LIMIT
      state.windowMs = DEFAULT_WINDOW_MS
      state.windowStart = Date.now()
      state.used = 0
    },
    close: server.close,
  }
}

export type { FakeFailure }
