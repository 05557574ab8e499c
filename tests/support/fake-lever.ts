/**
 * A stand-in for the Lever API (https://api.lever.co/v1) on loopback, plus a webhook sender
 * (fake-lever/webhooks.ts).
 *
 * Follows: https://hire.lever.co/developer/documentation (base URL, JSON, Basic auth with the API
 * key as user name); real responses recorded in NangoHQ/integration-templates
 * (integrations/lever/tests/{get-interview,get-opportunity,create-note}.test.json,
 * actions/create-note.ts); the `{code, message}` error body from amp-labs/connectors
 * (providers/lever); the 10 requests/s, burst 20 limit from a third-party summary
 * (rate-limits.apis.io).
 *
 * Simplified or assumed: only the routes our integration uses; no `expand`; any Bearer token the
 * test registers is accepted (no OAuth server); error `code` strings other than NotFoundError, the
 * 429 without `Retry-After`, and the status of a note update (`note_id=`, answered 201 like a
 * create) are not confirmed.
 */
import { randomUUID } from 'node:crypto'
import {
  AnswerError,
  basicAuthUser,
  bearerToken,
  controlsOf,
  type FailureControls,
  type FakeAnswer,
  type FakeCall,
  type Route,
  routeCall,
  startFakeServer,
  waitForCount,
} from './fake-ats/server'
import {
  buildInterview,
  buildOpportunity,
  type LeverInterview,
  type LeverNote,
  type LeverOpportunity,
} from './fake-lever/records'
import { badRequest, listPage, notFound } from './fake-lever/answers'
import {
  buildPosting,
  catalogRoutes,
  defaultArchiveReasons,
  defaultStages,
  type CatalogState,
  type LeverPosting,
} from './fake-lever/catalog'

export * from './fake-lever/catalog'
export * from './fake-lever/records'
export * from './fake-lever/webhooks'

export interface FakeLever extends FailureControls {
  /** the API base, like https://api.lever.co/v1 */
  apiUrl: string
  apiKey: string
  calls: FakeCall[]
  /** notes written through POST /v1/opportunities/{id}/notes, oldest first */
  notes: LeverNote[]
  addOpportunity(overrides?: Partial<LeverOpportunity>): LeverOpportunity
  /** an interview for the opportunity; for the fake's default posting unless `postings` is given */
  addInterview(opportunityId: string, overrides?: Partial<LeverInterview>): LeverInterview
  /** a job posting (`text` the title, `categories.department` the client here) */
  addPosting(overrides?: Partial<LeverPosting>): LeverPosting
  /** changes an interview as Lever would (set `canceledAt` to cancel it) */
  updateInterview(id: string, changes: Partial<LeverInterview>): void
  removeInterview(id: string): void
  /** an OAuth access token to accept as `Authorization: Bearer` */
  allowBearer(token: string): void
  /** a token bucket: `perSecond` refill, `burst` capacity; null turns it off */
  setRateLimit(limit: { perSecond: number; burst: number } | null): void
  /** answer 400 to a note POST without `perform_as` (by default it is recorded as null) */
  requirePerformAs(required: boolean): void
  /** resolves once `count` notes have been written */
  waitForNotes(count: number, timeoutMs?: number): Promise<LeverNote[]>
  reset(): void
  close(): Promise<void>
}

const DEFAULT_KEY = 'lever_test_api_key'
const DEFAULT_LIMIT = { perSecond: 10, burst: 20 }

interface State extends CatalogState {
  opportunities: Map<string, LeverOpportunity>
  interviews: Map<string, LeverInterview>
  notes: LeverNote[]
  bearers: Set<string>
  limit: { perSecond: number; burst: number } | null
  tokens: number
  refilledAt: number
  performAsRequired: boolean
}

export async function startFakeLever(options: { apiKey?: string } = {}): Promise<FakeLever> {
  const apiKey = options.apiKey ?? DEFAULT_KEY
  const state: State = {
    opportunities: new Map(),
    interviews: new Map(),
    notes: [],
    bearers: new Set(),
    limit: DEFAULT_LIMIT,
    tokens: DEFAULT_LIMIT.burst,
    refilledAt: Date.now(),
    performAsRequired: false,
    ...freshCatalog(),
  }

  const server = await startFakeServer({
    errorBody: (status) => leverError(status),
    defaultFailure: { status: 503 },
    handle(call) {
      takeToken(state)
      const authorization = call.headers.authorization
      const bearer = bearerToken(authorization)
      if (basicAuthUser(authorization) !== apiKey && !(bearer && state.bearers.has(bearer))) {
        return { status: 401, body: leverError(401) }
      }
      return (
        routeCall(routes, call, state) ?? {
          status: 404,
          body: { code: 'ResourceNotFound', message: `${call.method} ${call.path} does not exist` },
        }
      )
    },
  })

  return {
    apiUrl: `${server.url}/v1`,
    apiKey,
    ...controlsOf(server),
    notes: state.notes,
    addOpportunity(overrides) {
      const opportunity = buildOpportunity(overrides)
      state.opportunities.set(opportunity.id, opportunity)
      return opportunity
    },
    addInterview(opportunityId, overrides) {
      const opportunity = state.opportunities.get(opportunityId)
      if (!opportunity) throw new Error(`fake Lever: no opportunity ${opportunityId}`)
      const interview = buildInterview(opportunityId, {
        stage: opportunity.stage,
        postings: [defaultPosting(state).id],
        ...overrides,
      })
      state.interviews.set(interview.id, interview)
      return interview
    },
    addPosting(overrides) {
      const posting = buildPosting(overrides)
      state.postings.set(posting.id, posting)
      return posting
    },
    updateInterview(id, changes) {
      const interview = state.interviews.get(id)
      if (!interview) throw new Error(`fake Lever: no interview ${id}`)
      Object.assign(interview, changes)
    },
    removeInterview(id) {
      state.interviews.delete(id)
    },
    allowBearer(token) {
      state.bearers.add(token)
    },
    setRateLimit(limit) {
      state.limit = limit
      state.tokens = limit?.burst ?? 0
      state.refilledAt = Date.now()
    },
    requirePerformAs(required) {
      state.performAsRequired = required
    },
    waitForNotes: (count, timeoutMs = 5_000) =>
      waitForCount(state.notes, count, timeoutMs, 'fake Lever notes'),
    reset() {
      server.resetServer()
      state.opportunities.clear()
      state.interviews.clear()
      state.notes.length = 0
      state.bearers.clear()
      state.limit = DEFAULT_LIMIT
      state.tokens = DEFAULT_LIMIT.burst
      state.refilledAt = Date.now()
      state.performAsRequired = false
      Object.assign(state, freshCatalog())
    },
    close: server.close,
  }
}

const DEFAULT_POSTING_ID = '5b7c1f3e-2d4a-4e8b-9c6f-1a2b3c4d5e6f'

function freshCatalog(): CatalogState {
  return {
    postings: new Map(),
    stages: [...defaultStages],
    archiveReasons: [...defaultArchiveReasons],
  }
}

function defaultPosting(state: State): LeverPosting {
  let posting = state.postings.get(DEFAULT_POSTING_ID)
  if (!posting) {
    posting = buildPosting({ id: DEFAULT_POSTING_ID })
    state.postings.set(posting.id, posting)
  }
  return posting
}

const routes: Route<State>[] = [
  ...catalogRoutes,
  {
    method: 'GET',
    path: /^\/v1\/opportunities\/([^/]+)$/,
    run: (_call, [id], state) => ({ status: 200, body: { data: opportunity(state, id!) } }),
  },
  {
    method: 'GET',
    path: /^\/v1\/opportunities\/([^/]+)\/interviews$/,
    run: (call, [id], state) => {
      opportunity(state, id!)
      const list = [...state.interviews.values()].filter((i) => i.opportunityId === id)
      return listPage(call, list)
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/opportunities\/([^/]+)\/interviews\/([^/]+)$/,
    run: (_call, [id, interviewId], state) => {
      opportunity(state, id!)
      const interview = state.interviews.get(interviewId!)
      if (!interview || interview.opportunityId !== id) throw notFound('interview', interviewId!)
      return { status: 200, body: { data: interview } }
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/opportunities\/([^/]+)\/notes$/,
    run: (call, [id], state) => {
      opportunity(state, id!)
      const list = state.notes.filter((note) => note.opportunityId === id).map(noteData)
      return listPage(call, list)
    },
  },
  {
    method: 'POST',
    path: /^\/v1\/opportunities\/([^/]+)\/notes$/,
    run: (call, [id], state) => postNote(call, id!, state),
  },
]

function postNote(call: FakeCall, opportunityId: string, state: State): FakeAnswer {
  const found = opportunity(state, opportunityId)
  const performAs = call.query.get('perform_as')
  if (state.performAsRequired && !performAs) {
    throw badRequest('perform_as is required for this API key')
  }
  const input = (typeof call.body === 'object' && call.body !== null ? call.body : {}) as Record<
    string,
    unknown
  >
  if (typeof input.value !== 'string' || input.value === '') {
    throw badRequest('"value" is required and must be a string')
  }
  const noteId = call.query.get('note_id')
  if (noteId) {
    const existing = state.notes.find(
      (note) => note.id === noteId && note.opportunityId === found.id,
    )
    if (!existing) throw notFound('note', noteId)
    existing.value = input.value
    existing.edits += 1
    return { status: 201, body: { data: noteData(existing) } }
  }
  const note: LeverNote = {
    id: randomUUID(),
    opportunityId,
    performAs,
    value: input.value,
    secret: input.secret === true,
    score: typeof input.score === 'number' ? input.score : null,
    createdAt: typeof input.createdAt === 'number' ? input.createdAt : Date.now(),
    stage: found.stage,
    edits: 0,
  }
  state.notes.push(note)
  return { status: 201, body: { data: noteData(note) } }
}

function noteData(note: LeverNote) {
  const user = note.performAs ?? 'api-key-owner'
  return {
    id: note.id,
    text: 'Note',
    fields: [
      {
        createdAt: note.createdAt,
        score: note.score,
        stage: note.stage,
        text: 'Comment',
        type: 'note',
        user,
        value: note.value,
      },
    ],
    user,
    secret: note.secret,
    completedAt: note.createdAt,
    deletedAt: null,
    createdAt: note.createdAt,
    noteId: note.id,
  }
}

function opportunity(state: State, id: string): LeverOpportunity {
  const found = state.opportunities.get(id)
  if (!found) throw notFound('opportunity', id)
  return found
}

function takeToken(state: State) {
  const limit = state.limit
  if (!limit) return
  const now = Date.now()
  state.tokens = Math.min(
    limit.burst,
    state.tokens + ((now - state.refilledAt) / 1000) * limit.perSecond,
  )
  state.refilledAt = now
  if (state.tokens >= 1) {
    state.tokens -= 1
    return
  }
  throw new AnswerError({ status: 429, body: leverError(429) })
}

function leverError(status: number) {
  const errors: Record<number, { code: string; message: string }> = {
    400: { code: 'BadRequestError', message: 'Bad request' },
    401: { code: 'UnauthorizedError', message: 'Invalid API key or token' },
    403: { code: 'ForbiddenError', message: 'This key may not perform this action' },
    404: { code: 'NotFoundError', message: 'Not found' },
    429: { code: 'TooManyRequestsError', message: 'Too many requests, please slow down' },
  }
  return errors[status] ?? { code: 'InternalServerError', message: 'Something went wrong' }
}
