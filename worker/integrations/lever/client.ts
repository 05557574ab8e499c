import { ProviderRefused, ProviderUnavailable, type ProviderContext } from '../adapter'

// Lever's API (https://hire.lever.co/developer/documentation): JSON, HTTP Basic with the API key
// as the user name and an empty password, records inside `{ data }`, lists paged with `limit`
// and the `next` token of the answer passed as `offset`, errors as `{ code, message }`.

/** Lever answers one call in this long, or it counts as no answer. */
const timeoutMs = 10_000
/** A 429 or 5xx without Retry-After is tried again after this many seconds. */
const defaultRetrySeconds = 30

export interface LeverClient {
  /** the record's `data`; null when Lever answers 404 */
  get<T>(path: string, query?: Record<string, string>): Promise<T | null>
  /** every item of a paged list */
  list<T>(path: string, query?: Record<string, string>): Promise<T[]>
  /** the record's `data`; null when Lever answers 404 */
  post<T>(path: string, query: Record<string, string>, body: unknown): Promise<T | null>
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
function retryAfterSeconds(header: string | null, now: Date): number {
  if (header === null) return defaultRetrySeconds
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - +now) / 1000
  return Number.isFinite(seconds)
    ? Math.min(Math.max(Math.ceil(seconds), 1), 3600)
    : defaultRetrySeconds
}

async function leverMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown }
    if (typeof body.message === 'string') return `${String(body.code ?? '')} ${body.message}`.trim()
  } catch {
    // not Lever's JSON (a proxy's page): the status says enough
  }
  return `HTTP ${response.status}`
}

export function leverClient(context: ProviderContext): LeverClient {
  const authorization = `Basic ${btoa(`${context.credentials.apiKey ?? ''}:`)}`

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
  ): Promise<{ data: T; hasNext?: boolean; next?: string } | null> {
    const search = new URLSearchParams(query).toString()
    const url = `${context.apiUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`
    let response: Response
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (err) {
      throw new ProviderUnavailable(`Lever did not answer ${method} ${path}: ${String(err)}`)
    }
    if (response.status === 429 || response.status >= 500) {
      const retry = retryAfterSeconds(response.headers.get('retry-after'), context.now)
      throw new ProviderUnavailable(
        `Lever answered ${method} ${path} with ${response.status} (${await leverMessage(response)})`,
        retry,
      )
    }
    if (response.status === 404) {
      await response.body?.cancel()
      return null
    }
    if (response.status === 401 || response.status === 403) {
      throw new ProviderRefused(
        `Lever refused the API key (${response.status}: ${await leverMessage(response)}); check the integration's apiKey.`,
      )
    }
    if (!response.ok) {
      throw new ProviderRefused(
        `Lever refused ${method} ${path} (${response.status}: ${await leverMessage(response)}).`,
      )
    }
    try {
      return (await response.json()) as { data: T; hasNext?: boolean; next?: string }
    } catch {
      throw new ProviderUnavailable(`Lever's answer to ${method} ${path} was not JSON.`)
    }
  }

  return {
    get: async (path, query) => (await call<never>('GET', path, query))?.data ?? null,
    post: async (path, query, body) => (await call<never>('POST', path, query, body))?.data ?? null,
    async list<T>(path: string, query: Record<string, string> = {}) {
      const items: T[] = []
      let offset: string | undefined
      // a bound on pages: a list that never ends is Lever's fault, not a reason to loop forever
      for (let page = 0; page < 50; page += 1) {
        const answer = await call<T[]>('GET', path, {
          ...query,
          limit: '100',
          ...(offset ? { offset } : {}),
        })
        if (!answer) throw new ProviderRefused(`Lever has no ${path}.`)
        items.push(...answer.data)
        if (!answer.hasNext || !answer.next) return items
        offset = answer.next
      }
      return items
    },
  }
}
