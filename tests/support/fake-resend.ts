import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ErrorResponse } from 'resend'
import { flattenHeaders, readBody } from './fake-ats/server'

/**
 * A stand-in for the Resend HTTP API on loopback, for the real `resend` SDK:
 * `new Resend('re_test_key', { baseUrl: fake.url })`. It speaks the wire protocol the SDK
 * uses (POST /emails, POST /emails/batch, `Idempotency-Key`, `{ statusCode, name, message }`
 * errors) and can be told to fail, so tests see what a user would: the emails that went out.
 */

export type ResendErrorName = ErrorResponse['name']

/** One scripted answer, used by `failNext` (one call) and `down` (every call until `up`). */
export type FakeResendFailure =
  /** An error answer; `name` and `message` default to what Resend sends for that status. */
  | {
      status: number
      name?: ResendErrorName
      message?: string
      /** seconds, sent as `retry-after` */
      retryAfter?: number
      /** a body that is not JSON, as a proxy in front of Resend would send */
      rawBody?: string
    }
  /** No answer at all; with `ms`, the connection is dropped after that long. Nothing is sent. */
  | { hang: true; ms?: number }
  /**
   * The request is accepted and its emails recorded at once, but the answer comes only after
   * `delayMs`: the case where Resend sent the mail and the caller gave up waiting.
   */
  | { delayMs: number }

export interface FakeEmail {
  id: string
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  replyTo: string[]
  subject: string
  html: string | null
  text: string | null
  headers: Record<string, string>
  tags: { name: string; value: string }[]
  idempotencyKey: string | null
  /** set when the email came in a batch: its position there */
  batchIndex: number | null
  receivedAt: Date
}

export interface FakeCall {
  method: string
  path: string
  /** lower-case names, as node:http reports them */
  headers: Record<string, string>
  /** parsed JSON, or the raw text when it is not JSON */
  body: unknown
  /** number of emails for POST /emails/batch, otherwise null */
  batchSize: number | null
  /** null while unanswered (hanging, or dropped) */
  status: number | null
  receivedAt: Date
}

export interface FakeResend {
  /** base URL for the SDK's `baseUrl` option; no trailing slash, the SDK appends the path as is */
  url: string
  sent: FakeEmail[]
  calls: FakeCall[]
  failNext(failure: FakeResendFailure): void
  down(failure?: FakeResendFailure): void
  up(): void
  /** forgets emails, calls, scripted failures and idempotency keys; drops hanging requests */
  reset(): void
  waitForEmails(count: number, timeoutMs?: number): Promise<FakeEmail[]>
  close(): Promise<void>
}

const BATCH_LIMIT = 100
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000
const IDEMPOTENCY_KEY_MAX = 256

const DEFAULT_ERRORS: Record<number, { name: ResendErrorName; message: string }> = {
  400: { name: 'validation_error', message: 'We found an error with one or more fields.' },
  401: { name: 'missing_api_key', message: 'Missing API key in the authorization header.' },
  403: { name: 'invalid_api_key', message: 'API key is invalid.' },
  404: { name: 'not_found', message: 'The requested endpoint does not exist.' },
  409: {
    name: 'concurrent_idempotent_requests',
    message: 'Another request with the same idempotency key is in progress.',
  },
  422: { name: 'validation_error', message: 'We found an error with one or more fields.' },
  429: {
    name: 'rate_limit_exceeded',
    message: 'Too many requests. Please limit the number of requests per second.',
  },
}
const FALLBACK_ERROR = {
  name: 'internal_server_error' as const,
  message: 'An unexpected error occurred.',
}

class ResendApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: ResendErrorName,
    message: string,
  ) {
    super(message)
  }
}

interface StoredAnswer {
  path: string
  fingerprint: string
  body: unknown
  storedAt: number
}

export async function startFakeResend(): Promise<FakeResend> {
  const sent: FakeEmail[] = []
  const calls: FakeCall[] = []
  const scripted: FakeResendFailure[] = []
  let outage: FakeResendFailure | null = null
  const answers = new Map<string, StoredAnswer>()
  const unanswered = new Set<ServerResponse>()
  const waiters = new Set<() => void>()

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => handle(req, res, raw),
      () => res.destroy(),
    )
  })

  function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const body = parseJson(raw)
    const call: FakeCall = {
      method: req.method ?? 'GET',
      path,
      headers: flattenHeaders(req),
      body: body === undefined ? raw : body,
      batchSize: path === '/emails/batch' && Array.isArray(body) ? body.length : null,
      status: null,
      receivedAt: new Date(),
    }
    calls.push(call)

    const failure = scripted.shift() ?? outage
    if (failure && 'hang' in failure) {
      unanswered.add(res)
      res.on('close', () => unanswered.delete(res))
      if (failure.ms !== undefined) setTimeout(() => res.destroy(), failure.ms)
      return
    }
    if (failure && 'status' in failure) {
      const fallback = DEFAULT_ERRORS[failure.status] ?? FALLBACK_ERROR
      const headers: Record<string, string> = {}
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter)
      if (failure.rawBody !== undefined) {
        answerRaw(res, call, failure.status, failure.rawBody, headers)
      } else {
        const error = new ResendApiError(
          failure.status,
          failure.name ?? fallback.name,
          failure.message ?? fallback.message,
        )
        answerError(res, call, error, headers)
      }
      return
    }

    let result: unknown
    try {
      result = accept(call, body)
    } catch (err) {
      if (!(err instanceof ResendApiError)) throw err
      answerError(res, call, err)
      return
    }
    if (failure) {
      unanswered.add(res)
      res.on('close', () => unanswered.delete(res))
      setTimeout(() => answerJson(res, call, 200, result), failure.delayMs)
    } else {
      answerJson(res, call, 200, result)
    }
  }

  /** Validates like Resend, records the emails and returns the success body. */
  function accept(call: FakeCall, body: unknown): unknown {
    const isSingle = call.path === '/emails'
    if (!isSingle && call.path !== '/emails/batch') {
      throw new ResendApiError(404, 'not_found', 'The requested endpoint does not exist.')
    }
    if (call.method !== 'POST') {
      throw new ResendApiError(405, 'method_not_allowed', 'Method not allowed.')
    }
    const authorization = call.headers.authorization ?? ''
    if (!/^Bearer \S+$/.test(authorization)) {
      throw new ResendApiError(
        401,
        'missing_api_key',
        'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY',
      )
    }
    const key = call.headers['idempotency-key'] ?? null
    if (key !== null && (key.length < 1 || key.length > IDEMPOTENCY_KEY_MAX)) {
      throw new ResendApiError(
        400,
        'invalid_idempotency_key',
        'The key must be between 1-256 chars.',
      )
    }
    if (body === undefined) {
      throw new ResendApiError(422, 'validation_error', 'The request body is not valid JSON.')
    }

    const payloads = isSingle ? [body] : batchPayloads(body)
    const fingerprint = canonicalJson(body)
    const previous = key === null ? undefined : answers.get(key)
    if (previous && Date.now() - previous.storedAt < IDEMPOTENCY_WINDOW_MS) {
      if (previous.path !== call.path || previous.fingerprint !== fingerprint) {
        throw new ResendApiError(
          409,
          'invalid_idempotent_request',
          'Same idempotency key used with a different request payload.',
        )
      }
      return previous.body
    }

    // strict batch validation: one bad email refuses the whole batch, so nothing is recorded
    const checked = payloads.map((payload, index) => checkEmail(payload, isSingle ? null : index))
    const receivedAt = new Date()
    const emails = checked.map((email) => ({
      ...email,
      id: randomUUID(),
      idempotencyKey: key,
      receivedAt,
    }))
    sent.push(...emails)
    for (const notify of waiters) notify()

    const result = isSingle
      ? { id: emails[0]!.id }
      : { data: emails.map((email) => ({ id: email.id })) }
    // only successes are kept: a retry after a failed call must be able to go through
    if (key !== null)
      answers.set(key, { path: call.path, fingerprint, body: result, storedAt: Date.now() })
    return result
  }

  function answerError(
    res: ServerResponse,
    call: FakeCall,
    error: ResendApiError,
    headers: Record<string, string> = {},
  ) {
    const body = { statusCode: error.status, name: error.errorName, message: error.message }
    answerJson(res, call, error.status, body, headers)
  }

  function answerJson(
    res: ServerResponse,
    call: FakeCall,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    answerRaw(res, call, status, JSON.stringify(body), {
      'content-type': 'application/json',
      ...headers,
    })
  }

  function answerRaw(
    res: ServerResponse,
    call: FakeCall,
    status: number,
    text: string,
    headers: Record<string, string>,
  ) {
    if (res.destroyed) return
    call.status = status
    res.writeHead(status, headers).end(text)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  function dropUnanswered() {
    for (const res of unanswered) res.destroy()
    unanswered.clear()
  }

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    calls,
    failNext(failure) {
      scripted.push(failure)
    },
    down(failure = { status: 500 }) {
      outage = failure
    },
    up() {
      outage = null
    },
    reset() {
      sent.length = 0
      calls.length = 0
      scripted.length = 0
      outage = null
      answers.clear()
      dropUnanswered()
    },
    waitForEmails(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (sent.length < count) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(sent.slice())
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`fake Resend: ${sent.length} of ${count} emails after ${timeoutMs} ms`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    close() {
      dropUnanswered()
      // the SDK's fetch keeps connections alive; close() alone would wait for them
      server.closeAllConnections()
      return new Promise((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      )
    },
  }
}

function batchPayloads(body: unknown): unknown[] {
  if (!Array.isArray(body)) {
    throw new ResendApiError(
      422,
      'validation_error',
      'The request body must be an array of emails.',
    )
  }
  if (body.length === 0 || body.length > BATCH_LIMIT) {
    throw new ResendApiError(
      422,
      'validation_error',
      `A batch must hold between 1 and ${BATCH_LIMIT} emails; it had ${body.length}.`,
    )
  }
  return body
}

function checkEmail(
  payload: unknown,
  batchIndex: number | null,
): Omit<FakeEmail, 'id' | 'idempotencyKey' | 'receivedAt'> {
  const where = batchIndex === null ? '' : ` (email ${batchIndex} of the batch)`
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ResendApiError(422, 'validation_error', `An email must be an object${where}.`)
  }
  const email = payload as Record<string, unknown>
  for (const field of ['from', 'to', 'subject'] as const) {
    if (email[field] === undefined || email[field] === '') {
      throw new ResendApiError(422, 'missing_required_field', `Missing \`${field}\` field${where}.`)
    }
  }
  if (
    batchIndex !== null &&
    (email.attachments !== undefined || email.scheduled_at !== undefined)
  ) {
    throw new ResendApiError(
      422,
      'validation_error',
      `Attachments and scheduling are not supported in batch emails${where}.`,
    )
  }
  return {
    from: String(email.from),
    to: addressList(email.to),
    cc: addressList(email.cc),
    bcc: addressList(email.bcc),
    replyTo: addressList(email.reply_to),
    subject: String(email.subject),
    html: typeof email.html === 'string' ? email.html : null,
    text: typeof email.text === 'string' ? email.text : null,
    headers: (email.headers as Record<string, string> | undefined) ?? {},
    tags: (email.tags as { name: string; value: string }[] | undefined) ?? [],
    batchIndex,
  }
}

function addressList(value: unknown): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

/** The same payload with keys in another order is still the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The bindings that point the worker's real Resend SDK at `fake`, plus any others. */
export function resendBindings(fake: FakeResend, extra: Record<string, string> = {}) {
  return {
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: fake.url,
    RESEND_MAX_RPS: '50',
    ...extra,
  }
}
