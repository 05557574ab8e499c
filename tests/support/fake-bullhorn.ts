/**
 * A stand-in for Bullhorn on loopback: one server plays the discovery host
 * (/rest-services/loginInfo), the OAuth server (/oauth/*) and the REST server
 * (/rest-services/login, then /rest-services/{corpToken}/...). Moved to another data center, every
 * URL lives under `/{name}` and a call to the old place answers 307 to the new one, as Bullhorn
 * does for a wrong data center.
 *
 * Follows: github.com/bullhorn/rest-api-docs (source/includes/_intro, _login, _authorization,
 * _entity, _query, _subscription, _errors, entityref/*; bullhorn.github.io/rest-api-docs),
 * https://bullhorn.github.io/docs/oauth/ (single-use refresh tokens),
 * https://bullhorn.github.io/Getting-Started-with-REST, http://bullhorn.github.io/REST-API-Event-Subscriptions,
 * the official SDK github.com/bullhorn/sdk-rest (RestApiSession, StandardWrapper, OneToMany,
 * StandardEvent, fixtures) and oauth-example-python; error bodies and token JSON as captured in
 * billhess/Bullhorn.pm and sdk-rest issue 216.
 *
 * Simplified or assumed: one corporation and one API user; no Terms-of-Service page; the details
 * listed in fake-bullhorn/{auth,events,notes}.ts; entities only Appointment, Candidate,
 * ClientContact, CorporateUser, JobOrder, Placement and Note; no entity edits through the API but
 * Note inserts and Note updates; 429 carries no Retry-After (none is documented) unless a failure adds one.
 */
import {
  controlsOf,
  type FailureControls,
  type FakeAnswer,
  type FakeCall,
  startFakeServer,
  waitForCount,
} from './fake-ats/server'
import { AuthState, type BullhornAccount, type IssuedRefreshToken } from './fake-bullhorn/auth'
import {
  EntityStore,
  parseFields,
  type EntityName,
  type EntityRecord,
} from './fake-bullhorn/entities'
import { bullhornError, bullhornErrorBody } from './fake-bullhorn/errors'
import { EventState, type PushedEvent, type Subscription } from './fake-bullhorn/events'
import {
  createNote,
  queryEntities,
  updateNote,
  type BullhornNote,
  type BullhornNoteEdit,
} from './fake-bullhorn/notes'
import {
  buildAppointment,
  buildCandidate,
  buildClientContact,
  buildCorporateUser,
  buildJobOrder,
  buildPlacement,
} from './fake-bullhorn/records'

export type { BullhornAccount, IssuedRefreshToken } from './fake-bullhorn/auth'
export type { EntityName, EntityRecord } from './fake-bullhorn/entities'
export type { BullhornEvent, PushedEvent, Subscription } from './fake-bullhorn/events'
export type { BullhornNote, BullhornNoteEdit } from './fake-bullhorn/notes'

type Overrides = Record<string, unknown>

export interface FakeBullhorn extends FailureControls {
  /** the server's root, e.g. http://127.0.0.1:PORT */
  url: string
  /** where discovery starts: `${url}/rest-services/loginInfo` (never moves, answers 307 instead) */
  loginInfoUrl: string
  account: BullhornAccount
  calls: FakeCall[]
  /** Notes created through PUT /entity/Note, oldest first, as they stand now (updates applied) */
  notes: BullhornNote[]
  /** every update through POST /entity/Note/{id} that Bullhorn carried out, oldest first */
  noteEdits: BullhornNoteEdit[]
  /** every refresh token issued, in order, with when (and for what) it was consumed */
  refreshTokens: IssuedRefreshToken[]
  /** the refresh tokens that can still be used */
  liveRefreshTokens(): string[]
  /** a refresh token as if from an earlier authorization, to start a test already connected */
  seedRefreshToken(): string
  /** every REST session (or the one with this BhRestToken) now answers 401 */
  expireSessions(bhRestToken?: string): void
  /** every issued access token is now refused by /login */
  expireAccessTokens(): void
  /** the agency now lives under `/{name}`; calls at the old place get 307 */
  moveToDataCenter(name: string): void
  addCorporateUser(overrides?: Overrides): EntityRecord
  addCandidate(overrides?: Overrides): EntityRecord
  addClientContact(overrides?: Overrides): EntityRecord
  /** owned by the API user */
  addJobOrder(overrides?: Overrides): EntityRecord
  addPlacement(
    refs: { candidateId: number; jobOrderId: number },
    overrides?: Overrides,
  ): EntityRecord
  addAppointment(
    refs: { candidateId?: number; clientContactId?: number; jobOrderId?: number },
    overrides?: Overrides,
  ): EntityRecord
  entity(type: EntityName, id: number): EntityRecord | undefined
  updateEntity(type: EntityName, id: number, changes: Overrides): EntityRecord
  removeEntity(type: EntityName, id: number): void
  /** queues an event on every subscription whose names and event types match */
  pushEvent(event: PushedEvent): void
  subscription(id: string): Subscription | undefined
  /** the corporation's commentActionList: the Note `action` values it accepts */
  commentActions: string[]
  /** resolves once `count` Notes have been created */
  waitForNotes(count: number, timeoutMs?: number): Promise<BullhornNote[]>
  reset(): void
  close(): Promise<void>
}

const DEFAULT_ACCOUNT: BullhornAccount = {
  clientId: 'bh-client-id',
  clientSecret: 'bh-client-secret',
  username: 'followthrough.api',
  password: 'api-password',
  redirectUri: 'https://followthrough.example/integrations/bullhorn/callback',
  corpToken: 'e999',
  apiUserId: 1314,
}
const DEFAULT_ACTIONS = ['Interview Follow-up', 'Thank You Note', 'Other']
const ENTITY_NAMES: EntityName[] = [
  'Appointment',
  'Candidate',
  'ClientContact',
  'CorporateUser',
  'JobOrder',
  'Placement',
  'Note',
]

export async function startFakeBullhorn(
  options: { account?: Partial<BullhornAccount> } = {},
): Promise<FakeBullhorn> {
  const account = { ...DEFAULT_ACCOUNT, ...options.account }
  const auth = new AuthState(account)
  const events = new EventState()
  const store = new EntityStore()
  const notes: BullhornNote[] = []
  const noteEdits: BullhornNoteEdit[] = []
  const commentActions = [...DEFAULT_ACTIONS]
  const seedApiUser = () => store.put('CorporateUser', buildCorporateUser(account.apiUserId))
  seedApiUser()

  const server = await startFakeServer({
    errorBody: (status) => bullhornErrorBody(status),
    defaultFailure: { status: 503 },
    handle(call, baseUrl) {
      const { dataCenter, rest } = splitDataCenter(call.path)
      if (dataCenter !== auth.dataCenter) {
        const search = call.query.size > 0 ? `?${call.query}` : ''
        return { status: 307, headers: { location: `${baseUrl}${auth.prefix()}${rest}${search}` } }
      }
      if (rest === '/rest-services/loginInfo' && call.method === 'GET') {
        return auth.loginInfo(call, baseUrl)
      }
      if (rest === '/oauth/authorize' && (call.method === 'GET' || call.method === 'POST')) {
        return auth.authorize(call)
      }
      if (rest === '/oauth/token' && call.method === 'POST') return auth.token(call)
      if (rest === '/rest-services/login' && (call.method === 'GET' || call.method === 'POST')) {
        return auth.login(call, baseUrl)
      }
      const corpPrefix = `/rest-services/${account.corpToken}/`
      if (rest.startsWith(corpPrefix)) return restCall(call, rest.slice(corpPrefix.length))
      throw bullhornError(404, `No such resource: ${call.method} ${call.path}`)
    },
  })

  /** a call under {restUrl}: the session first, then the resource */
  function restCall(call: FakeCall, resource: string): FakeAnswer {
    const sessionExpires = auth.checkSession(call)
    const method = call.method
    let match: RegExpExecArray | null
    if (resource === 'ping' && method === 'GET') {
      return { status: 200, body: { sessionExpires } }
    }
    if (resource === 'logout' && method === 'GET') {
      auth.logout(call)
      return { status: 200, body: { logout: 'OK' } }
    }
    if (
      (match = /^event\/subscription\/([^/]+)\/lastRequestId$/.exec(resource)) &&
      method === 'GET'
    ) {
      return events.lastRequestId(match[1]!)
    }
    if ((match = /^event\/subscription\/([^/]+)$/.exec(resource))) {
      if (method === 'PUT') return events.create(call, match[1]!)
      if (method === 'GET') return events.read(call, match[1]!)
      if (method === 'DELETE') return events.remove(match[1]!)
    }
    if (resource === 'entity/Note' && method === 'PUT') {
      const { answer, note } = createNote(call, store, {
        apiUserId: account.apiUserId,
        commentActions,
      })
      notes.push(note)
      return answer
    }
    if ((match = /^entity\/Note\/(\d+)$/.exec(resource)) && method === 'POST') {
      const id = Number(match[1])
      const { answer, edit } = updateNote(
        call,
        store,
        notes.find((note) => note.id === id),
        id,
        { commentActions },
      )
      noteEdits.push(edit)
      return answer
    }
    if ((match = /^entity\/(\w+)\/([\d,]+)$/.exec(resource)) && method === 'GET') {
      return getEntities(call, entityName(match[1]!), match[2]!)
    }
    if ((match = /^query\/(\w+)$/.exec(resource)) && method === 'GET') {
      return queryEntities(call, store, entityName(match[1]!))
    }
    throw bullhornError(404, `No such resource: ${method} ${resource}`)
  }

  function getEntities(call: FakeCall, type: EntityName, ids: string): FakeAnswer {
    const fields = call.query.get('fields') ?? (call.query.get('layout') ? '*' : null)
    if (!fields) throw bullhornError(400, "Either 'fields' or 'layout' is required.")
    const spec = parseFields(fields)
    const wanted = ids.split(',').filter(Boolean).map(Number)
    if (wanted.length === 1) {
      const record = store.get(type, wanted[0]!)
      if (!record)
        throw bullhornError(404, `Cannot find entity of type ${type} with id ${wanted[0]}`)
      return { status: 200, body: { data: store.select(type, record, spec) } }
    }
    const records = wanted.map((id) => store.get(type, id)).filter((r) => r !== undefined)
    return { status: 200, body: { data: records.map((r) => store.select(type, r, spec)) } }
  }

  function ref(type: EntityName, id: number | undefined) {
    if (id === undefined) return null
    if (!store.get(type, id)) throw new Error(`fake Bullhorn: no ${type} ${id}`)
    return { id }
  }
  const apiUser = () => ({ id: account.apiUserId })

  return {
    url: server.url,
    loginInfoUrl: `${server.url}/rest-services/loginInfo`,
    account,
    ...controlsOf(server),
    notes,
    noteEdits,
    refreshTokens: auth.refreshTokens,
    liveRefreshTokens: () =>
      auth.refreshTokens.filter((entry) => entry.consumedAt === null).map((entry) => entry.token),
    seedRefreshToken: () => auth.seedRefreshToken(),
    expireSessions: (token) => auth.expireSessions(token),
    expireAccessTokens: () => auth.expireAccessTokens(),
    moveToDataCenter(name) {
      auth.dataCenter = name
    },
    addCorporateUser: (overrides) =>
      store.put('CorporateUser', buildCorporateUser(store.newId(), overrides)),
    addCandidate: (overrides) => store.put('Candidate', buildCandidate(store.newId(), overrides)),
    addClientContact: (overrides) =>
      store.put('ClientContact', buildClientContact(store.newId(), overrides)),
    addJobOrder: (overrides) =>
      store.put('JobOrder', buildJobOrder(store.newId(), apiUser(), overrides)),
    addPlacement: (refs, overrides) =>
      store.put(
        'Placement',
        buildPlacement(
          store.newId(),
          {
            candidate: ref('Candidate', refs.candidateId)!,
            jobOrder: ref('JobOrder', refs.jobOrderId)!,
            owner: apiUser(),
          },
          overrides,
        ),
      ),
    addAppointment: (refs, overrides) =>
      store.put(
        'Appointment',
        buildAppointment(
          store.newId(),
          {
            candidate: ref('Candidate', refs.candidateId),
            clientContact: ref('ClientContact', refs.clientContactId),
            jobOrder: ref('JobOrder', refs.jobOrderId),
            owner: apiUser(),
          },
          overrides,
        ),
      ),
    entity: (type, id) => store.get(type, id),
    updateEntity: (type, id, changes) => store.update(type, id, changes),
    removeEntity: (type, id) => store.remove(type, id),
    pushEvent: (event) => events.push(event),
    subscription: (id) => events.subscriptions.get(id),
    commentActions,
    waitForNotes: (count, timeoutMs = 5_000) =>
      waitForCount(notes, count, timeoutMs, 'fake Bullhorn notes'),
    reset() {
      server.resetServer()
      auth.clear()
      events.clear()
      store.clear()
      seedApiUser()
      notes.length = 0
      noteEdits.length = 0
      commentActions.splice(0, commentActions.length, ...DEFAULT_ACTIONS)
    },
    close: server.close,
  }
}

function splitDataCenter(path: string): { dataCenter: string; rest: string } {
  if (path.startsWith('/oauth/') || path.startsWith('/rest-services/')) {
    return { dataCenter: '', rest: path }
  }
  const match = /^\/([\w-]+)(\/.*)$/.exec(path)
  return match ? { dataCenter: match[1]!, rest: match[2]! } : { dataCenter: '', rest: path }
}

function entityName(name: string): EntityName {
  const found = ENTITY_NAMES.find((entity) => entity === name)
  if (!found) throw bullhornError(400, `Invalid entity type '${name}'.`)
  return found
}
