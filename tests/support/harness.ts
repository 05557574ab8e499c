import type { Miniflare } from 'miniflare'
import { everyRateLimit, startLocalWorker } from '../../worker/dev/local-worker'
import type { RateLimiterName } from '../../worker/env'
import { createTestDatabase, type TestDatabase } from './database'
import { startPgBouncer } from './pgbouncer'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'
export const SESSION_SECRET = 'test-session-secret-0123456789abcdef'
export const LINK_SECRET = 'test-link-secret-0123456789abcdef0123'

/** What every test worker runs with besides its database: a complete test configuration. */
export const testBindings = {
  ADMIN_TOKEN,
  SESSION_SECRET,
  LINK_SECRET,
  PUBLIC_URL: 'http://followthrough.test',
  ENVIRONMENT: 'test',
}

export interface ApiResponse<T = any> {
  status: number
  body: T
  text: string
  headers: Headers
}

export interface RequestOptions {
  token?: string
  /** sent as JSON */
  json?: unknown
  /** sent as is (for malformed bodies) */
  rawBody?: string | Uint8Array<ArrayBuffer>
  headers?: Record<string, string>
}

export interface Harness extends TestDatabase {
  baseUrl: string
  mf: Miniflare
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>
}

/** What production needs on top of the test bindings (mail is never captured there). */
export const productionBindings = {
  ENVIRONMENT: 'production',
  RESEND_API_KEY: 're_test_0123456789',
  RESEND_WEBHOOK_SECRET: 'whsec_dGVzdC13ZWJob29rLXNlY3JldA==',
  EMAIL_FROM: 'coach@mail.followthrough.test',
}

export interface HarnessOptions {
  /**
   * Limits per minute: one for every rate limiter, or some by name. Suites send hundreds of
   * requests a minute from one address, so a limiter not named here is set far past that.
   */
  rateLimit?: number | Partial<Record<RateLimiterName, number>>
  /**
   * On a Postgres server (TEST_DATABASE_URL), the worker reaches it through PgBouncer in
   * transaction mode, as a deployed worker does through Hyperdrive; the embedded engine serves
   * one session and is reached directly.
   */
  pooled?: boolean
}

/**
 * One test file's world: a fresh database and the built worker in workerd, called over real
 * HTTP on loopback, as an agency's backend or a browser would. Bindings that name rows (the demo
 * portal's agency) can be made from the fresh database before the worker starts.
 */
export async function startHarness(
  bindings:
    Record<string, string> | ((database: TestDatabase) => Promise<Record<string, string>>) = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const database = await createTestDatabase()
  const extra = typeof bindings === 'function' ? await bindings(database) : bindings
  const { rateLimit } = options
  const serverUrl = process.env.TEST_DATABASE_URL
  const pool = options.pooled && serverUrl ? await startPgBouncer(serverUrl) : null
  const { mf, url } = await startLocalWorker({
    rateLimits:
      typeof rateLimit === 'number'
        ? everyRateLimit(rateLimit)
        : { ...everyRateLimit(1_000_000), ...rateLimit },
    bindings: {
      DATABASE_URL: pool?.pooledUrl(database.url) ?? database.url,
      ...testBindings,
      ...extra,
    },
  })
  const baseUrl = url.origin

  async function request<T>(method: string, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(baseUrl + path, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers }
  }

  return {
    ...database,
    baseUrl,
    mf,
    request,
    async close() {
      await mf.dispose()
      await pool?.stop()
      await database.close()
    },
  }
}
