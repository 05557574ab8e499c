import type { ErrorDetail } from '../../worker/errors'
import { observeAnswer } from './events'
import { words } from './strings'

/** An API error as the widget shows it; status 0 when the API was not reached at all. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
  }
}

export type Query = Record<string, string | undefined>

export interface Api {
  get<T>(path: string, query?: Query): Promise<T>
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>
  patch<T>(path: string, body: unknown): Promise<T>
  download(path: string, query?: Query): Promise<Blob>
}

/**
 * The API client. Every call carries the publishable key in the query (so the CORS preflight
 * carries it too) and the recruiter session from the host's `getSession()`, kept until the API
 * answers 401; then the host is asked once more and the call retried once.
 */
export function createApi(
  base: string,
  key: string,
  getSession: () => string | Promise<string>,
): Api {
  let session: Promise<string> | undefined

  function newSession(): Promise<string> {
    const asked = (async () => {
      const token = String(await getSession()).trim()
      if (!token) throw new Error('empty session')
      return token
    })().catch(() => {
      session = undefined
      throw new ApiFailure(0, words().errors.signIn)
    })
    return (session = asked)
  }

  async function send(path: string, query: Query, init: RequestInit, retry = true) {
    const url = new URL(path, base)
    for (const [name, value] of Object.entries(query)) if (value) url.searchParams.set(name, value)
    url.searchParams.set('key', key)
    const pending = session ?? newSession()
    const token = await pending
    let res: Response
    try {
      res = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
      })
    } catch {
      throw new ApiFailure(0, words().errors.offline)
    }
    if (res.status === 401 && retry) {
      // other calls may have refreshed it already
      if (session === pending) newSession()
      return send(path, query, init, false)
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as {
        error?: { message?: string; details?: ErrorDetail[] }
      } | null
      const error = body?.error
      throw new ApiFailure(
        res.status,
        error?.message ?? `Followthrough answered ${res.status}. Try again shortly.`,
        error?.details,
      )
    }
    return res
  }

  /** A JSON answer, which the host page's events are told of. */
  async function json<T>(path: string, query: Query, init: RequestInit = {}): Promise<T> {
    const body = await (await send(path, query, init)).json()
    observeAnswer(init.method ?? 'GET', path, body)
    return body as T
  }

  const withBody = <T>(method: string, path: string, body: unknown, headers = {}) =>
    json<T>(
      path,
      {},
      {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      },
    )

  return {
    get: (path, query = {}) => json(path, query),
    post: (path, body, headers) => withBody('POST', path, body, headers),
    patch: (path, body) => withBody('PATCH', path, body),
    download: async (path, query = {}) => (await send(path, query, {})).blob(),
  }
}
