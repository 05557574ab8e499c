/**
 * What the fake Greenhouse answers: the client-credentials token route and the Harvest v3 list
 * routes with their filters, cursor paging and the note POST, and the 30-second rate-limit window.
 * See fake-greenhouse.ts for the sources and what is assumed.
 */
import { AnswerError, type FakeAnswer, type FakeCall, type Route } from '../fake-ats/server'
import {
  greenhouseId,
  isoNow,
  type GreenhouseApplication,
  type GreenhouseCandidate,
  type GreenhouseDepartment,
  type GreenhouseInterview,
  type GreenhouseInterviewer,
  type GreenhouseJob,
  type GreenhouseNote,
  type GreenhouseUser,
} from './records'

export interface IssuedToken {
  /** the acting user (`sub`); null for the credentials' own service account */
  sub: number | null
  expiresAt: number
}

export interface State {
  clientId: string
  clientSecret: string
  tokens: Map<string, IssuedToken>
  users: Map<number, GreenhouseUser>
  candidates: Map<number, GreenhouseCandidate>
  applications: Map<number, GreenhouseApplication>
  jobs: Map<number, GreenhouseJob>
  departments: Map<number, GreenhouseDepartment>
  interviews: Map<number, GreenhouseInterview>
  interviewers: Map<number, GreenhouseInterviewer>
  notes: GreenhouseNote[]
  limit: number
  windowMs: number
  windowStart: number
  used: number
}

export interface Context {
  state: State
  baseUrl: string
  /** who the call's token acts as */
  token: IssuedToken
}

const TOKEN_LIFETIME_MS = 60 * 60 * 1000
const WRITE_VISIBILITIES = {
  public: 'publicly_visible',
  private: 'privately_visible',
  admin_only: 'admin_only_visible',
} as const

const invalid = (...errors: unknown[]) =>
  new AnswerError({ status: 422, body: { message: 'Validation error', errors } })

/** POST /token: the client-credentials grant, the client's id and secret as HTTP Basic. */
export function issueToken(call: FakeCall, state: State): FakeAnswer {
  const form = new URLSearchParams(call.rawBody)
  const pair = /^Basic\s+(\S+)$/i.exec(call.headers.authorization ?? '')
  if (!pair)
    return { status: 401, body: { message: 'Unauthorized', errorId: `err-${greenhouseId()}` } }
  const [id, secret] = Buffer.from(pair[1]!, 'base64').toString('utf8').split(':')
  if (id !== state.clientId || secret !== state.clientSecret) {
    return { status: 401, body: { error: 'invalid_client' } }
  }
  const grant = form.get('grant_type')
  if (grant === null) {
    return {
      status: 400,
      body: { message: 'Must include `grant_type` parameter in /token request' },
    }
  }
  if (grant !== 'client_credentials') {
    return { status: 400, body: { message: `grant_type=${grant} is invalid` } }
  }
  const sub = form.get('sub')
  if (sub !== null && !state.users.has(Number(sub))) {
    return { status: 400, body: { message: `sub=${sub} is not a user of this organization` } }
  }
  const token = [
    'eyJhbGciOiJSUzI1NiJ9',
    Buffer.from(crypto.randomUUID()).toString('base64url'),
    'sig',
  ].join('.')
  const expiresAt = Date.now() + TOKEN_LIFETIME_MS
  state.tokens.set(token, { sub: sub === null ? null : Number(sub), expiresAt })
  return {
    status: 200,
    body: {
      access_token: token,
      token_type: 'Bearer',
      expires_at: new Date(expiresAt).toISOString(),
    },
  }
}

/** Which query parameter filters which field of a list's records (ids, comma-separated, ≤ 50). */
type IdFilters<T> = Record<string, keyof T>

interface Listing<T> {
  records: () => Iterable<T>
  ids: IdFilters<T>
  /** date-time fields filtered as `field=gte|2026-01-01T00:00:00Z[|lte|…]` */
  dates?: (keyof T)[]
  /** fields filtered by one exact value */
  exact?: (keyof T)[]
}

function listRoute<T extends { id: number }>(
  resource: string,
  listing: (state: State) => Listing<T>,
): Route<Context> {
  return {
    method: 'GET',
    path: new RegExp(`^/v3/${resource}$`),
    run: (call, _params, context) => list(call, context, listing(context.state)),
  }
}

export const routes: Route<Context>[] = [
  listRoute('users', (state) => ({ records: () => state.users.values(), ids: { ids: 'id' } })),
  listRoute('candidates', (state) => ({
    records: () => state.candidates.values(),
    ids: { ids: 'id' },
    dates: ['updated_at', 'created_at'],
  })),
  listRoute('applications', (state) => ({
    records: () => state.applications.values(),
    ids: { ids: 'id', candidate_ids: 'candidate_id', job_ids: 'job_id' },
    dates: ['updated_at', 'created_at'],
  })),
  listRoute('jobs', (state) => ({ records: () => state.jobs.values(), ids: { ids: 'id' } })),
  listRoute('departments', (state) => ({
    records: () => state.departments.values(),
    ids: { ids: 'id' },
  })),
  listRoute('interviews', (state) => ({
    records: () => state.interviews.values(),
    ids: {
      ids: 'id',
      application_ids: 'application_id',
      job_ids: 'job_id',
      organizer_ids: 'organizer_id',
    },
    dates: ['updated_at', 'created_at', 'starts_at', 'ends_at'],
    exact: ['status'],
  })),
  listRoute('interviewers', (state) => ({
    records: () => state.interviewers.values(),
    ids: { ids: 'id', interview_ids: 'interview_id', user_ids: 'user_id' },
  })),
  listRoute('notes', (state) => ({
    records: () => state.notes,
    ids: {
      ids: 'id',
      candidate_ids: 'candidate_id',
      application_ids: 'application_id',
      user_ids: 'user_id',
    },
    dates: ['updated_at', 'created_at'],
    exact: ['type', 'visibility'],
  })),
  {
    method: 'POST',
    path: /^\/v3\/notes$/,
    run: (call, _params, context) => postNote(call, context),
  },
]

/** POST /v3/notes: a note on a candidate's activity feed, 201 with the note. */
function postNote(call: FakeCall, { state, token }: Context): FakeAnswer {
  const input = (call.body ?? {}) as Record<string, unknown>
  const errors: { message: string; field: string }[] = []
  const candidate = state.candidates.get(Number(input.candidate_id))
  if (!candidate)
    errors.push({ message: 'Must be a candidate of this organization', field: 'candidate_id' })
  if (typeof input.body !== 'string' || input.body.trim() === '') {
    errors.push({ message: 'Must be present', field: 'body' })
  }
  const visibility = WRITE_VISIBILITIES[input.visibility as keyof typeof WRITE_VISIBILITIES]
  if (!visibility) {
    errors.push({ message: 'Must be one of: public, private, admin_only', field: 'visibility' })
  }
  const type = input.note_type ?? 'NOTE'
  if (type !== 'NOTE' && type !== 'ACTIVITY') {
    errors.push({ message: 'Must be one of: NOTE, ACTIVITY, EMAIL', field: 'note_type' })
  }
  const authorId = input.user_id === undefined ? token.sub : Number(input.user_id)
  if (authorId === null || !state.users.has(authorId)) {
    errors.push({ message: 'Must be a user of this organization', field: 'user_id' })
  }
  const application =
    input.application_id === undefined ? null : state.applications.get(Number(input.application_id))
  if (application === undefined || (application && application.candidate_id !== candidate?.id)) {
    errors.push({ message: "Must be one of the candidate's applications", field: 'application_id' })
  }
  if (errors.length > 0 || !candidate || !visibility || authorId === null) throw invalid(...errors)
  const at = isoNow()
  const note: GreenhouseNote = {
    id: greenhouseId(),
    candidate_id: candidate.id,
    application_id: application?.id ?? null,
    user_id: authorId,
    body: String(input.body),
    subject: null,
    type: type as 'NOTE' | 'ACTIVITY',
    visibility,
    created_at: at,
    updated_at: at,
  }
  state.notes.push(note)
  return { status: 201, body: note }
}

interface Cursor {
  query: string
  offset: number
}

/**
 * A list answer: filtered, newest id first, `per_page` (1–500, 100 by default) at a time, and a
 * `Link: <…?cursor=…>; rel="next"` while more remain. A cursor carries the first request's
 * filters and must come alone. A user who is not a site admin sees no records.
 */
function list<T extends { id: number }>(
  call: FakeCall,
  { state, baseUrl, token }: Context,
  listing: Listing<T>,
): FakeAnswer {
  let query = call.query
  let offset = 0
  const cursor = query.get('cursor')
  if (cursor !== null) {
    if ([...query.keys()].length > 1) {
      throw new AnswerError({
        status: 422,
        body: { errors: ['When passing a cursor, do not include other query params.'] },
      })
    }
    const opened = openCursor(cursor)
    query = new URLSearchParams(opened.query)
    offset = opened.offset
  }
  const perPage = Number(query.get('per_page') ?? 100)
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 500) {
    throw invalid({ message: 'per_page must be from 1 to 500', field: 'per_page' })
  }
  const tests: ((record: T) => boolean)[] = []
  for (const [param, field] of Object.entries(listing.ids)) {
    const value = query.get(param)
    if (value === null) continue
    const wanted = value.split(',').map(Number)
    if (wanted.length > 50 || wanted.some((n) => !Number.isInteger(n))) {
      throw invalid({ message: `${param} takes up to 50 ids, comma-separated`, field: param })
    }
    tests.push((record) => wanted.includes(record[field] as number))
  }
  for (const field of listing.dates ?? []) {
    const value = query.get(String(field))
    if (value !== null) tests.push(dateFilter(String(field), value))
  }
  for (const field of listing.exact ?? []) {
    const value = query.get(String(field))
    if (value !== null) tests.push((record) => String(record[field]) === value)
  }
  const acting = token.sub === null ? null : state.users.get(token.sub)
  const visible = acting === null || acting?.site_admin === true
  const all = visible
    ? [...listing.records()].filter((r) => tests.every((t) => t(r))).sort((a, b) => b.id - a.id)
    : []
  const page = all.slice(offset, offset + perPage)
  const headers: Record<string, string> = {}
  if (offset + perPage < all.length) {
    const next: Cursor = { query: query.toString(), offset: offset + perPage }
    const encoded = Buffer.from(JSON.stringify(next)).toString('base64url')
    headers.link = `<${baseUrl}${call.path}?cursor=${encoded}>; rel="next"`
  }
  return { status: 200, body: page, headers }
}

function openCursor(cursor: string): Cursor {
  try {
    const opened = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor
    if (typeof opened.query === 'string' && Number.isInteger(opened.offset)) return opened
  } catch {
    // answered below
  }
  throw invalid({ message: 'The cursor is not valid', field: 'cursor' })
}

const operators: Record<string, (a: number, b: number) => boolean> = {
  gte: (a, b) => a >= b,
  gt: (a, b) => a > b,
  lte: (a, b) => a <= b,
  lt: (a, b) => a < b,
}

/** `gte|2026-01-01T00:00:00Z`, or two such pairs for a window. */
function dateFilter<T>(field: string, value: string): (record: T) => boolean {
  const parts = value.split('|')
  const pairs: [(a: number, b: number) => boolean, number][] = []
  for (let i = 0; i < parts.length; i += 2) {
    const compare = operators[parts[i]!]
    const at = Date.parse(parts[i + 1] ?? '')
    if (!compare || Number.isNaN(at) || pairs.length === 2) {
      throw invalid({
        message: `${field} takes gte|, gt|, lte| or lt| and an ISO-8601 time`,
        field,
      })
    }
    pairs.push([compare, at])
  }
  return (record) => {
    const own = Date.parse(String((record as Record<string, unknown>)[field] ?? ''))
    return !Number.isNaN(own) && pairs.every(([compare, at]) => compare(own, at))
  }
}

export function countAgainstLimit(state: State) {
  const now = Date.now()
  if (now - state.windowStart >= state.windowMs) {
    state.windowStart = now
    state.used = 0
  }
  state.used += 1
  if (state.used <= state.limit) return
  const resetAt = state.windowStart + state.windowMs
  throw new AnswerError({
    status: 429,
    body: { message: defaultMessage(429) },
    headers: {
      'retry-after': String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    },
  })
}

export function defaultMessage(status: number): string {
  const messages: Record<number, string> = {
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Resource not found',
    422: 'Validation error',
    429: 'Rate limit exceeded',
  }
  return messages[status] ?? 'Internal server error'
}
