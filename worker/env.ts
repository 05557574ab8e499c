import type { Db } from '../db/client'
import type { Config } from './config'
import type { Mailer } from './email/mailer'
import type { OpenedIntegration } from './services/integrations'

/**
 * Set with `wrangler secret put` in production, by `npm start` and the tests locally; read only
 * through worker/config.ts, which checks them.
 */
interface Secrets {
  ADMIN_TOKEN?: string
  SESSION_SECRET?: string
  /** derives candidate link tokens (HMAC of each link's interview), so none is ever stored */
  LINK_SECRET?: string
  RESEND_API_KEY?: string
  RESEND_WEBHOOK_SECRET?: string
  /** texts: all three, or none (texts are then captured locally, or not sent in production) */
  TWILIO_ACCOUNT_SID?: string
  TWILIO_AUTH_TOKEN?: string
  TWILIO_MESSAGING_SERVICE_SID?: string
  /** `keyId:base64` of 32 bytes, comma-separated: seal integration secrets (the first seals) */
  INTEGRATION_KEYS?: string
}

/** What only local runs and tests set (production uses the HYPERDRIVE binding). */
interface LocalBindings {
  /** a direct connection string */
  DATABASE_URL?: string
  RESEND_BASE_URL?: string
  /** a JSON object: a provider's API base where it is not the provider's own (worker/config.ts) */
  PROVIDER_URLS?: string
  /** how long one provider call may take before its outcome counts as unknown */
  RESEND_TIMEOUT_MS?: string
  /** the same for a call to Twilio, and how many calls a second the outbox makes to it */
  TWILIO_TIMEOUT_MS?: string
  TWILIO_MAX_RPS?: string
  /**
   * development only: the keys of the agency the /demo portal embeds the widget for; the portal's
   * backend mints sessions with the secret key, as an agency's backend does
   */
  DEMO_SECRET_KEY?: string
  DEMO_PUBLISHABLE_KEY?: string
  /** "1" (tests only): every response reports the statements its route ran in X-Query-Count */
  QUERY_LOG?: string
}

/**
 * The worker's bindings: what wrangler.toml declares (generated into env.generated.d.ts by
 * `npm run types`, checked current in CI), the secrets, and the local-only settings.
 */
export type Env = Cloudflare.Env & Secrets & LocalBindings

export type Principal =
  | { kind: 'admin' }
  | { kind: 'secret'; agencyId: string; keyId: string }
  | { kind: 'session'; agencyId: string; recruiterId: string; role: 'recruiter' | 'manager' }

export type PrincipalKind = Principal['kind']

/** The `[[ratelimits]]` of wrangler.toml. */
export type RateLimiterName = {
  [Name in keyof Cloudflare.Env]: Cloudflare.Env[Name] extends RateLimit ? Name : never
}[keyof Cloudflare.Env]

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
  /** QUERY_LOG=1 (tests): the statements run so far in this request */
  queriesBeforeRoute: () => number
  /** QUERY_LOG=1 (tests): the statements authentication ran, left out of X-Query-Count */
  queriesOfAuthentication: number | undefined
  /** the integration an inbound event is addressed to, once its signature was checked */
  integration: OpenedIntegration
  /** set when a browser request carried a publishable key from one of its agency's origins */
  browserAgencyId: string | undefined
}

export interface AppEnv {
  Bindings: Env
  Variables: Variables
}
