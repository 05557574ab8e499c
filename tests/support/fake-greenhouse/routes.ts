/**
 * The Harvest v1 routes the fake Greenhouse answers, its note validation, Link paging and the
 * 10-second rate-limit window. See fake-greenhouse.ts for the sources and what is assumed.
 */
import { AnswerError, type FakeAnswer, type FakeCall, type Route } from '../fake-ats/server'
import {
  greenhouseId,
  type GreenhouseApplication,
  type GreenhouseCandidate,
  type GreenhouseNote,
  type GreenhouseScheduledInterview,
  type GreenhouseUser,
} from './records'

const VISIBILITIES = ['admin_only', 'private', 'public'] as const

export interface State {
  users: Map<number, GreenhouseUser>
  candidates: Map<number, GreenhouseCandidate>
  applications: Map<number, GreenhouseApplication>
  interviews: Map<number, GreenhouseScheduledInterview>
  notes: GreenhouseNote[]
  limit: number
  windowMs: number
  windowStart: number
  used: number
}

export interface Context {
  state: State
  baseUrl: string
}

export const routes: Route<Context>[] = [
  {
    method: 'GET',
    path: /^\/v1\/scheduled_interviews$/,
    run: (call, _params, { state, baseUrl }) => {
      const after = isoParam(call, 'updated_after')
      const startsAfter = isoParam(call, 'starts_after')
      const list = [...state.interviews.values()].filter(
        (interview) =>
          (after === null || Date.parse(interview.updated_at) > after) &&
          (startsAfter === null || startMs(interview) > startsAfter),
      )
      return paged(call, baseUrl, list)
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/scheduled_interviews\/(\d+)$/,
    run: (_call, [id], { state }) =>
      found(state.interviews.get(Number(id)), 'scheduled interview', id!),
  },
  {
    method: 'GET',
    path: /^\/v1\/applications\/(\d+)\/scheduled_interviews$/,
    run: (call, [id], { state, baseUrl }) => {
      found(state.applications.get(Number(id)), 'application', id!)
      const list = [...state.interviews.values()].filter((i) => i.application_id === Number(id))
      return paged(call, baseUrl, list)
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/applications\/(\d+)$/,
    run: (_call, [id], { state }) => found(state.applications.get(Number(id)), 'application', id!),
  },
  {
    method: 'GET',
    path: /^\/v1\/candidates\/(\d+)$/,
    run: (_call, [id], { state }) => {
      const answer = found(state.candidates.get(Number(id)), 'candidate', id!)
      const candidate = answer.body as GreenhouseCandidate
      const applications = candidate.application_ids.map((appId) => state.applications.get(appId))
      return { status: 200, body: { ...candidate, applications: applications.filter(Boolean) } }
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/candidates\/(\d+)\/activity_feed$/,
    run: (_call, [id], { state }) => {
      found(state.candidates.get(Number(id)), 'candidate', id!)
      const notes = state.notes.filter((note) => note.candidate_id === Number(id)).map(noteBody)
      return { status: 200, body: { notes: notes.reverse(), emails: [], activities: [] } }
    },
  },
  {
    method: 'POST',
    path: /^\/v1\/candidates\/(\d+)\/activity_feed\/notes$/,
    run: (call, [id], { state }) => postNote(call, Number(id), state),
  },
]

function postNote(call: FakeCall, candidateId: number, state: State): FakeAnswer {
  const onBehalfOf = call.headers['on-behalf-of']
  if (!onBehalfOf || !state.users.has(Number(onBehalfOf))) {
    return {
      status: 403,
      body: { message: 'The On-Behalf-Of header must name a user of this organization' },
    }
  }
  found(state.candidates.get(candidateId), 'candidate', String(candidateId))
  const input = (call.body ?? {}) as Record<string, unknown>
  const errors: { message: string; field: string }[] = []
  const user = state.users.get(Number(input.user_id))
  if (!user) errors.push({ message: 'Must be a valid user id', field: 'user_id' })
  if (typeof input.body !== 'string' || input.body.trim() === '') {
    errors.push({ message: 'Must be present', field: 'body' })
  }
  const visibility = VISIBILITIES.find((value) => value === input.visibility)
  if (!visibility) {
    errors.push({ message: `Must be one of: ${VISIBILITIES.join(', ')}`, field: 'visibility' })
  }
  if (errors.length > 0 || !user || !visibility) {
    return { status: 422, body: { message: 'Validation error', errors } }
  }
  const note: GreenhouseNote = {
    id: greenhouseId(),
    candidate_id: candidateId,
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    body: String(input.body),
    user,
    private: visibility === 'private',
    visibility,
    on_behalf_of: onBehalfOf,
  }
  state.notes.push(note)
  return { status: 201, body: noteBody(note) }
}

/** a note as Harvest shows it, with the misspelt `visiblity` it keeps for old clients */
function noteBody(note: GreenhouseNote) {
  return {
    id: note.id,
    created_at: note.created_at,
    body: note.body,
    user: note.user,
    private: note.private,
    visiblity: note.visibility,
    visibility: note.visibility,
  }
}

function found<T>(record: T | undefined, kind: string, id: string): FakeAnswer {
  if (record === undefined) {
    throw new AnswerError({
      status: 404,
      body: {
        message: 'Resource not found',
        errors: [{ message: `Could not find ${kind} with id ${id}`, field: 'id' }],
      },
    })
  }
  return { status: 200, body: record }
}

/** `per_page` (1–500, 100 by default) and `page`, with an RFC 5988 Link header */
function paged<T>(call: FakeCall, baseUrl: string, list: T[]): FakeAnswer {
  const perPage = Number(call.query.get('per_page') ?? 100)
  const page = Number(call.query.get('page') ?? 1)
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 500 || !(page >= 1)) {
    throw new AnswerError({
      status: 422,
      body: {
        message: 'Validation error',
        errors: [{ message: 'per_page must be 1 to 500 and page at least 1', field: 'per_page' }],
      },
    })
  }
  const lastPage = Math.max(1, Math.ceil(list.length / perPage))
  const link = (target: number, rel: string) => {
    const query = new URLSearchParams(call.query)
    query.set('page', String(target))
    query.set('per_page', String(perPage))
    return `<${baseUrl}${call.path}?${query}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page < lastPage) links.push(link(page + 1, 'next'))
  if (page > 1) links.push(link(page - 1, 'prev'))
  if (lastPage > 1 && call.query.get('skip_count') !== 'true') links.push(link(lastPage, 'last'))
  return {
    status: 200,
    body: list.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
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

function isoParam(call: FakeCall, name: string): number | null {
  const value = call.query.get(name)
  if (value === null) return null
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) {
    throw new AnswerError({
      status: 422,
      body: { message: 'Validation error', errors: [{ message: 'Must be ISO-8601', field: name }] },
    })
  }
  return ms
}

function startMs(interview: GreenhouseScheduledInterview): number {
  return Date.parse(
    'date_time' in interview.start ? interview.start.date_time : interview.start.date,
  )
}

export function defaultMessage(status: number): string {
  const messages: Record<number, string> = {
    401: 'Invalid Basic Auth credentials',
    403: 'Forbidden',
    404: 'Resource not found',
    422: 'Validation error',
    429: 'Rate limit exceeded',
  }
  return messages[status] ?? 'Internal server error'
}
