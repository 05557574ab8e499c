import type { Db } from '../db/client'
import type { Config } from './config'
import type { Mailer } from './email/mailer'

/** Bindings and vars, as wrangler.toml and `npm start` / the tests provide them. */
export interface Env {
  /** production: the Hyperdrive binding in front of the agency's Postgres */
  HYPERDRIVE?: Hyperdrive
  /** local and tests: a direct connection string */
  DATABASE_URL?: string
  PUBLIC_URL?: string
  ADMIN_TOKEN?: string
  SESSION_SECRET?: string
  /** derives candidate link tokens (HMAC of each link's interview), so none is ever stored */
  LINK_SECRET?: string
  RESEND_API_KEY?: string
  RESEND_BASE_URL?: string
  RESEND_WEBHOOK_SECRET?: string
  /** the address coaching email is sent from, on a domain verified with Resend */
  EMAIL_FROM?: string
  /** provider calls per second the outbox stays under (Resend's default limit is 2) */
  RESEND_MAX_RPS?: string
  /** how long one provider call may take before its outcome counts as unknown */
  RESEND_TIMEOUT_MS?: string
  /** "development" turns on the dev-only pages (mailbox, demo portal) */
  ENVIRONMENT?: string
  /**
   * development only: the keys of the agency the /demo portal embeds the widget for; the portal's
   * backend mints sessions with the secret key, as an agency's backend does
   */
  DEMO_SECRET_KEY?: string
  DEMO_PUBLISHABLE_KEY?: string
  ASSETS?: Fetcher
  /** per credential on /v1: the key, the recruiter of a session, the admin token */
  API_LIMITER?: RateLimit
  /** per candidate link on /c and /u */
  LINK_LIMITER?: RateLimit
  /** per client: credentials and link tokens that did not work */
  FAILED_AUTH_LIMITER?: RateLimit
  /** per client on the routes that take no credential */
  PUBLIC_LIMITER?: RateLimit
  /** "1" (tests only): the stats routes report the statements they ran in X-Query-Count */
  QUERY_LOG?: string
}

export type Principal =
  | { kind: 'admin' }
  | { kind: 'secret'; agencyId: string; keyId: string }
  | { kind: 'session'; agencyId: string; recruiterId: string; role: 'recruiter' | 'manager' }

export type PrincipalKind = Principal['kind']

export type RateLimiterName =
  'API_LIMITER' | 'LINK_LIMITER' | 'FAILED_AUTH_LIMITER' | 'PUBLIC_LIMITER'

export interface Variables {
  requestId: string
  config: Config
  db: Db
  mailer: Mailer
  /**
   * Starts `work` on the request's database client now and lets it finish after the response is
   * out; the client is closed once every such piece of work has settled.
   */
  afterResponse: (work: (db: Db) => Promise<unknown>) => void
  principal: Principal
  /** set when a browser request carried a publishable key from one of its agency's origins */
  browserAgencyId: string | undefined
}

export interface AppEnv {
  Bindings: Env
  Variables: Variables
}
