/**
 * A stand-in for Greenhouse's Harvest API v3 on loopback (its client-credentials token route at
 * `/token`, the list routes under `/v3`), plus a web hook sender (fake-greenhouse/webhooks.ts).
 *
 * Follows Greenhouse's Harvest v3 guides (harvestdocs.greenhouse.io: docs/authentication,
 * docs/pagination, docs/list-endpoints, docs/standardizations, the migration guide) and, where they
 * are silent, what open-source v3 clients observed on the wire: `401 {"error":"invalid_client"}`
 * for a wrong id or secret, the 422 for a cursor sent with other parameters, `POST /v3/notes`
 * taking `public | private | admin_only` while reads spell visibility `*_visible`.
 *
 * Simplified or assumed: only the routes our integration uses; one set of client credentials with
 * every scope; a token's `sub` must be a user here, and one who is not a site admin lists nothing
 * (the guides: GET routes return results to site admins only); the token answer carries
 * `expires_at` (clients report both `expires_at` and `expires_in`; ours reads either); a note POST
 * without `user_id` is written as the token's user; the rate limit is a fixed 30-second window.
 */
import { randomUUID } from 'node:crypto'
import {
  bearerToken,
  controlsOf,
  type FailureControls,
  type FakeAnswer,
  type FakeCall,
  type FakeFailure,
  routeCall,
  startFakeServer,
  waitForCount,
} from './fake-ats/server'
import {
  buildApplication,
  buildCandidate,
  buildInterview,
  buildJob,
  buildUser,
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
} from './fake-greenhouse/records'
import {
  countAgainstLimit,
  defaultMessage,
  issueToken,
  routes,
  type IssuedToken,
  type State,
} from './fake-greenhouse/routes'

export * from './fake-greenhouse/records'
export * from './fake-greenhouse/webhooks'

/** An interview as a test schedules it: v3 fields, the organizer and the panel as people. */
export interface InterviewInput extends Partial<Omit<GreenhouseInterview, 'organizer_id'>> {
  /** defaults to the first user added (one is made if there is none) */
  organizer?: GreenhouseUser | null
  /**
   * The panel. A person with a name is a Greenhouse user (made when no user has the address);
   * one without is an outside attendee, known by address only. One user by default.
   */
  interviewers?: { name?: string; email: string }[]
}

export interface FakeGreenhouse extends FailureControls {
  /** the Harvest base URL, like https://harvest.greenhouse.io/v3; the token route is /token */
  harvestUrl: string
  clientId: string
  clientSecret: string
  /** access tokens issued, by token */
  tokens: Map<string, IssuedToken>
  calls: FakeCall[]
  /** notes written through POST /v3/notes, oldest first */
  notes: GreenhouseNote[]
  addUser(overrides?: Partial<GreenhouseUser>): GreenhouseUser
  addCandidate(overrides?: Partial<GreenhouseCandidate>): GreenhouseCandidate
  addDepartment(name: string): GreenhouseDepartment
  addJob(overrides?: Partial<GreenhouseJob>): GreenhouseJob
  /** on the fake's default job (Warehouse Supervisor, department Umbrella Corp) unless given one */
  addApplication(
    candidateId: number,
    overrides?: Partial<GreenhouseApplication>,
  ): GreenhouseApplication
  addScheduledInterview(applicationId: number, input?: InterviewInput): GreenhouseInterview
  /** changes an interview as a recruiter would in Greenhouse; `updated_at` moves */
  updateScheduledInterview(id: number, changes: InterviewInput): void
  removeScheduledInterview(id: number): void
  /** the panel of an interview, as GET /v3/interviewers shows it */
  interviewersOf(interviewId: number): GreenhouseInterviewer[]
  /** every token issued so far stops working (as at the end of its hour) */
  expireTokens(): void
  /** `limit` calls per `windowMs` (Harvest: about 75 in a fixed 30-second window); the next gets 429 */
  setRateLimit(limit?: number, windowMs?: number): void
  /** resolves once `count` notes have been written */
  waitForNotes(count: number, timeoutMs?: number): Promise<GreenhouseNote[]>
  /** forgets records, notes, tokens, calls and failure settings */
  reset(): void
  close(): Promise<void>
}

const DEFAULT_LIMIT = 75
const DEFAULT_WINDOW_MS = 30_000
const unauthorized: FakeAnswer = {
  status: 401,
  body: {
    message: 'Unauthorized',
    errors: ['Token could not be decoded. Please ensure your token is from a trusted source.'],
  },
}

export async function startFakeGreenhouse(): Promise<FakeGreenhouse> {
  const state: State = {
    clientId: `ghc_${randomUUID().replaceAll('-', '').slice(0, 20)}.s`,
    clientSecret: randomUUID(),
    tokens: new Map(),
    users: new Map(),
    candidates: new Map(),
    applications: new Map(),
    jobs: new Map(),
    departments: new Map(),
    interviews: new Map(),
    interviewers: new Map(),
    notes: [],
    limit: DEFAULT_LIMIT,
    windowMs: DEFAULT_WINDOW_MS,
    windowStart: Date.now(),
    used: 0,
  }
  let defaultJob: GreenhouseJob

  function seedDefaultJob(): GreenhouseJob {
    const department = fake.addDepartment('Umbrella Corp')
    return fake.addJob({ department_id: department.id })
  }

  const server = await startFakeServer({
    errorBody: (status) => ({ message: defaultMessage(status) }),
    defaultFailure: { status: 500 },
    decorate(_call, answer) {
      answer.headers = {
        'x-ratelimit-limit': String(state.limit),
        'x-ratelimit-remaining': String(Math.max(0, state.limit - state.used)),
        'x-ratelimit-reset': String(Math.ceil((state.windowStart + state.windowMs) / 1000)),
        ...answer.headers,
      }
    },
    handle(call, baseUrl) {
      if (call.method === 'POST' && call.path === '/token') return issueToken(call, state)
      // v3 routes a call before it looks at the token: an unknown path is a 404 either way
      if (!routes.some((r) => r.method === call.method && r.path.test(call.path))) {
        return { status: 404, body: { message: 'Resource not found' } }
      }
      countAgainstLimit(state)
      const token = state.tokens.get(bearerToken(call.headers.authorization) ?? '')
      if (!token || token.expiresAt <= Date.now()) return unauthorized
      return routeCall(routes, call, { state, baseUrl, token })!
    },
  })

  function firstUser(): GreenhouseUser {
    const existing = state.users.values().next()
    return existing.done ? fake.addUser() : existing.value
  }

  /** the user with this address, made when there is none */
  function userFor(name: string, email: string): GreenhouseUser {
    const known = [...state.users.values()].find((u) => u.emails.includes(email))
    if (known) return known
    const [first, ...rest] = name.split(' ')
    return fake.addUser({
      first_name: first,
      last_name: rest.join(' '),
      name,
      primary_email: email,
      emails: [email],
    })
  }

  function setPanel(interviewId: number, people: { name?: string; email: string }[]) {
    for (const [id, person] of state.interviewers) {
      if (person.interview_id === interviewId) state.interviewers.delete(id)
    }
    for (const person of people) {
      const at = isoNow()
      const record: GreenhouseInterviewer = {
        id: greenhouseId(),
        interview_id: interviewId,
        user_id: person.name ? userFor(person.name, person.email).id : null,
        email: person.email,
        response_status: 'accepted',
        scorecard_id: null,
        created_at: at,
        updated_at: at,
      }
      state.interviewers.set(record.id, record)
    }
  }

  function fieldsOf({ organizer, interviewers: _panel, ...fields }: InterviewInput) {
    return organizer === undefined ? fields : { ...fields, organizer_id: organizer?.id ?? null }
  }

  const fake: FakeGreenhouse = {
    harvestUrl: `${server.url}/v3`,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    tokens: state.tokens,
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
    addDepartment(name) {
      const department = { id: greenhouseId(), name, parent_id: null }
      state.departments.set(department.id, department)
      return department
    },
    addJob(overrides) {
      const job = buildJob(null, overrides)
      state.jobs.set(job.id, job)
      return job
    },
    addApplication(candidateId, overrides) {
      if (!state.candidates.has(candidateId)) {
        throw new Error(`fake Greenhouse: no candidate ${candidateId}`)
      }
      const application = buildApplication(candidateId, defaultJob.id, overrides)
      state.applications.set(application.id, application)
      return application
    },
    addScheduledInterview(applicationId, input = {}) {
      const application = state.applications.get(applicationId)
      if (!application) throw new Error(`fake Greenhouse: no application ${applicationId}`)
      const organizer = input.organizer === undefined ? firstUser() : input.organizer
      const interview = buildInterview(
        applicationId,
        application.job_id,
        organizer?.id ?? null,
        fieldsOf(input),
      )
      state.interviews.set(interview.id, interview)
      setPanel(
        interview.id,
        input.interviewers ?? [{ name: 'Hugo Reyes', email: 'hugo.reyes@example.com' }],
      )
      return interview
    },
    updateScheduledInterview(id, changes) {
      const interview = state.interviews.get(id)
      if (!interview) throw new Error(`fake Greenhouse: no scheduled interview ${id}`)
      Object.assign(interview, fieldsOf(changes), { updated_at: isoNow() })
      if (changes.interviewers) setPanel(id, changes.interviewers)
    },
    removeScheduledInterview(id) {
      state.interviews.delete(id)
      setPanel(id, [])
    },
    interviewersOf: (interviewId) =>
      [...state.interviewers.values()].filter((p) => p.interview_id === interviewId),
    expireTokens() {
      for (const token of state.tokens.values()) token.expiresAt = Date.now()
    },
    setRateLimit(limit = DEFAULT_LIMIT, windowMs = DEFAULT_WINDOW_MS) {
      state.limit = limit
      state.windowMs = windowMs
      state.windowStart = Date.now()
      state.used = 0
    },
    waitForNotes: (count, timeoutMs = 5_000) =>
      waitForCount(state.notes, count, timeoutMs, 'fake Greenhouse notes'),
    reset() {
      server.resetServer()
      for (const map of [
        state.tokens,
        state.users,
        state.candidates,
        state.applications,
        state.jobs,
        state.departments,
        state.interviews,
        state.interviewers,
      ]) {
        map.clear()
      }
      state.notes.length = 0
      fake.setRateLimit()
      defaultJob = seedDefaultJob()
    },
    close: server.close,
  }
  defaultJob = seedDefaultJob()
  return fake
}

export type { FakeFailure }
