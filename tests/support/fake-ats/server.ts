import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The loopback HTTP server the ATS fakes (Greenhouse, Lever, Bullhorn) share: it records every
 * call and fails on demand, the way tests/support/fake-resend.ts does for Resend. Each fake brings
 * its routes and the error body its provider sends; this file knows nothing of any provider.
 */

/** One scripted answer for `failNext` (one call), `down` (every call) or `failRate` (some). */
export type FakeFailure =
  /** an error answer; without `body`/`rawBody` the provider's usual error body for `status` */
  | {
      status: number
      body?: unknown
      /** a body that is not JSON, as a proxy in front of the provider would send */
      rawBody?: string
      /** seconds, sent as `Retry-After` */
      retryAfter?: number
      headers?: Record<string, string>
      /**
       * the call is carried out first (state changes, notes are recorded), then answered with
       * this error: the provider did the work, the caller never learns it (a proxy's 502)
       */
      carriedOut?: boolean
    }
  /** the connection is closed with no answer, at once or after `afterMs` (a hang, then a drop) */
  | { drop: true; afterMs?: number }
  /** the call is carried out (state changes, notes are recorded) but answered only after `delayMs` */
  | { delayMs: number }

/** Which calls a scripted failure applies to; a string path is a prefix. */
export interface CallMatch {
  method?: string
  path?: string | RegExp
}

export interface FakeCall {
  method: string
  path: string
  query: URLSearchParams
  /** lower-case names, as node:http reports them */
  headers: Record<string, string>
  rawBody: string
  /** parsed JSON or form body; the raw text when it is neither; undefined when empty */
  body: unknown
  /** null while unanswered (delayed, hanging or dropped) */
  status: number | null
  /** the injected failure this call met, if any */
  failure: FakeFailure | null
  receivedAt: Date
}

export interface FakeAnswer {
  status: number
  /** serialised as JSON; leave out for an empty body */
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
}

export interface FailureControls {
  /** the next call (that matches `match`, if given) meets `failure`; several queue up */
  failNext(failure: FakeFailure, match?: CallMatch): void
  /** every call meets `failure` until `up()` */
  down(failure?: FakeFailure): void
  up(): void
  /**
   * From now on each call fails with probability `rate` (0 turns it off), drawn from a PRNG
   * seeded with `seed`, so the same calls in the same order fail the same way on every run. With
   * several failures, each failing call meets one of them, drawn from the same PRNG.
   */
  failRate(rate: number, options?: { seed?: number; failure?: FakeFailure | FakeFailure[] }): void
}

export interface FakeServer extends FailureControls {
  url: string
  calls: FakeCall[]
  /** forgets calls and every failure setting; drops unanswered requests */
  resetServer(): void
  close(): Promise<void>
}

/** What every fake hands its tests of the server under it: the calls and the failure controls. */
export function controlsOf(server: FakeServer): FailureControls & { calls: FakeCall[] } {
  return {
    calls: server.calls,
    failNext: server.failNext,
    down: server.down,
    up: server.up,
    failRate: server.failRate,
  }
}

export interface FakeServerOptions {
  /** answers a call that met no failure; may throw an `AnswerError` */
  handle(call: FakeCall, baseUrl: string): FakeAnswer
  /** the provider's error body for an injected failure without a body of its own */
  errorBody(status: number): unknown
  /** headers the provider adds to every answer (rate-limit counters, for instance) */
  decorate?(call: FakeCall, answer: FakeAnswer): void
  /** the failure `down()` and `failRate()` use when given none */
  defaultFailure?: FakeFailure
}

/** Thrown by a route to answer with an error. */
export class AnswerError extends Error {
  constructor(readonly answer: FakeAnswer) {
    super(`fake answers ${answer.status}`)
  }
}

interface Scripted {
  failure: FakeFailure
  match: CallMatch | undefined
}

export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const calls: FakeCall[] = []
  const scripted: Scripted[] = []
  const defaultFailure = options.defaultFailure ?? { status: 503 }
  let outage: FakeFailure | null = null
  let rate = 0
  let rateFailures: FakeFailure[] = [defaultFailure]
  let random = seededRandom(1)
  const unanswered = new Set<ServerResponse>()
  let baseUrl = ''

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => serve(req, res, raw),
      () => res.destroy(),
    )
  })

  function serve(req: IncomingMessage, res: ServerResponse, rawBody: string) {
    const url = new URL(req.url ?? '/', baseUrl)
    const headers = flattenHeaders(req)
    const call: FakeCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      rawBody,
      body: parseBody(rawBody, headers['content-type']),
      status: null,
      failure: null,
      receivedAt: new Date(),
    }
    calls.push(call)

    const failure = pickFailure(call)
    call.failure = failure
    if (failure && 'drop' in failure) {
      hold(res)
      if (failure.afterMs === undefined) res.destroy()
      else setTimeout(() => res.destroy(), failure.afterMs)
      return
    }
    if (failure && 'status' in failure) {
      if (failure.carriedOut) {
        try {
          options.handle(call, baseUrl)
        } catch {
          // the error answer goes out whatever the call itself would have answered
        }
      }
      const headers: Record<string, string> = { ...failure.headers }
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter)
      const answer: FakeAnswer =
        failure.rawBody !== undefined
          ? { status: failure.status, rawBody: failure.rawBody, headers }
          : {
              status: failure.status,
              body: failure.body ?? options.errorBody(failure.status),
              headers,
            }
      send(res, call, answer)
      return
    }

    let answer: FakeAnswer
    try {
      answer = options.handle(call, baseUrl)
    } catch (err) {
      // a bug in a fake answers 500 with its message rather than taking the test process down
      answer =
        err instanceof AnswerError
          ? err.answer
          : { status: 500, body: { fakeServerError: String(err) } }
    }
    if (failure) {
      hold(res)
      setTimeout(() => send(res, call, answer), failure.delayMs)
    } else {
      send(res, call, answer)
    }
  }

  function pickFailure(call: FakeCall): FakeFailure | null {
    const index = scripted.findIndex((entry) => matches(entry.match, call))
    if (index >= 0) return scripted.splice(index, 1)[0]!.failure
    if (outage) return outage
    if (rate > 0 && random() < rate) {
      // one failure draws nothing more, so seeded runs fail as they always did
      if (rateFailures.length === 1) return rateFailures[0]!
      return rateFailures[Math.floor(random() * rateFailures.length)]!
    }
    return null
  }

  function hold(res: ServerResponse) {
    unanswered.add(res)
    res.on('close', () => unanswered.delete(res))
  }

  function send(res: ServerResponse, call: FakeCall, answer: FakeAnswer) {
    if (res.destroyed) return
    options.decorate?.(call, answer)
    const headers: Record<string, string> = { ...answer.headers }
    let text = ''
    if (answer.rawBody !== undefined) text = answer.rawBody
    else if (answer.body !== undefined) {
      text = JSON.stringify(answer.body)
      headers['content-type'] ??= 'application/json; charset=utf-8'
    }
    call.status = answer.status
    res.writeHead(answer.status, headers).end(text)
  }

  function dropUnanswered() {
    for (const res of unanswered) res.destroy()
    unanswered.clear()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    calls,
    failNext(failure, match) {
      scripted.push({ failure, match })
    },
    down(failure = defaultFailure) {
      outage = failure
    },
    up() {
      outage = null
    },
    failRate(newRate, settings = {}) {
      rate = newRate
      random = seededRandom(settings.seed ?? 1)
      rateFailures = [settings.failure ?? defaultFailure].flat()
    },
    resetServer() {
      calls.length = 0
      scripted.length = 0
      outage = null
      rate = 0
      dropUnanswered()
    },
    close() {
      dropUnanswered()
      // clients keep connections alive; close() alone would wait for them
      server.closeAllConnections()
      return new Promise((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      )
    },
  }
}

function matches(match: CallMatch | undefined, call: FakeCall): boolean {
  if (!match) return true
  if (match.method && match.method.toUpperCase() !== call.method) return false
  if (typeof match.path === 'string' && !call.path.startsWith(match.path)) return false
  if (match.path instanceof RegExp && !match.path.test(call.path)) return false
  return true
}

/** mulberry32: a small PRNG in [0, 1), the same sequence for the same seed */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The user name of an HTTP Basic `Authorization` header, or null. */
export function basicAuthUser(authorization: string | undefined): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '')
  if (!match) return null
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? null : decoded.slice(0, colon)
}

/** The token of an `Authorization: Bearer` header, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? null
}

/** One route of a fake: method, path pattern (its groups become `params`) and what it answers. */
export interface Route<Context> {
  method: string
  path: RegExp
  run(call: FakeCall, params: string[], context: Context): FakeAnswer
}

/** Runs the first route whose method and path match; null when none does. */
export function routeCall<Context>(
  routes: Route<Context>[],
  call: FakeCall,
  context: Context,
): FakeAnswer | null {
  for (const route of routes) {
    const found = route.path.exec(call.path)
    if (found && route.method === call.method) return route.run(call, found.slice(1), context)
  }
  return null
}

/** The request's body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw))
  }
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/** Request headers with lower-case names and repeated ones joined, as one string each. */
export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/** Resolves with a copy of `list` once it holds `count` items; rejects after `timeoutMs`. */
export function waitForCount<T>(
  list: T[],
  count: number,
  timeoutMs: number,
  what: string,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const check = () => {
      if (list.length >= count) return resolve(list.slice())
      if (Date.now() >= deadline) {
        return reject(new Error(`${what}: ${list.length} of ${count} after ${timeoutMs} ms`))
      }
      setTimeout(check, 10)
    }
    check()
  })
}
