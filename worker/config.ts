import { z } from 'zod'
import type { Env } from './env'
import { parseSealingKeys, type SealingKeySource } from './lib/sealing'

/** Settings read from the bindings once, checked, and typed: nothing else reads `env`. */
export interface Config {
  environment: 'production' | 'development' | 'test'
  databaseUrl: string
  /** the base of links in emails; outside production the request's own origin when unset */
  publicUrl: string | null
  /** absent: no operator token, so no agency can be created through the API */
  adminToken: string | null
  sessionSecret: string
  /** candidate link tokens are derived from it and each link's interview, never stored */
  linkSecret: string
  email: {
    /** `capture`: kept for the dev mailbox, never sent (development and tests only) */
    mode: 'resend' | 'capture'
    apiKey: string | null
    baseUrl: string | null
    from: string
    webhookSecret: string | null
    maxCallsPerSecond: number
    timeoutMs: number
  }
  /**
   * Texts through Twilio. `capture` (outside production without Twilio's secrets): kept for the
   * dev mailbox, never sent; `off` (production without them): no text goes.
   */
  sms: {
    mode: 'twilio' | 'capture' | 'off'
    accountSid: string | null
    authToken: string | null
    messagingServiceSid: string | null
    /** Twilio's API, or PROVIDER_URLS.twilio (a sandbox, the tests' fake) */
    baseUrl: string
    timeoutMs: number
    maxCallsPerSecond: number
  }
  /** development only: the demo portal's agency keys (its backend mints sessions with the secret) */
  demo: { secretKey: string; publishableKey: string } | null
  /** tests only: every response reports the statements its route ran in X-Query-Count */
  queryLog: boolean
  /**
   * Seal integration credentials and signing secrets, the first key sealing; outside production
   * without INTEGRATION_KEYS, one development key derived from LINK_SECRET. null (production
   * without them): the integration routes answer 503, the rest of the product runs on.
   */
  integrationKeys: SealingKeySource[] | null
  /**
   * The base URL of a provider's API where it is not the provider's own (a sandbox, or the fake
   * servers of the tests), by provider: PROVIDER_URLS, a JSON object. The operator's, never an
   * agency's: an integration cannot make the worker call an address of its choosing.
   */
  providerUrls: Partial<Record<string, string>>
}

// an empty binding is the same as a missing one (a blank line in .dev.vars, `ADMIN_TOKEN=`)
const text = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional())
const secret = (name: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, `${name} must be at least 32 characters.`).optional(),
  )
const positive = (fallback: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? fallback : Number(v)), z.number().positive())

const bindings = z.object({
  ENVIRONMENT: z.preprocess(
    (v) => (v === '' || v === undefined ? 'production' : v),
    z.enum(['production', 'development', 'test']),
  ),
  DATABASE_URL: text,
  PUBLIC_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/ }).optional(),
  ),
  ADMIN_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters.').optional(),
  ),
  SESSION_SECRET: secret('SESSION_SECRET'),
  LINK_SECRET: secret('LINK_SECRET'),
  RESEND_API_KEY: text,
  RESEND_BASE_URL: text,
  RESEND_WEBHOOK_SECRET: text,
  EMAIL_FROM: z.preprocess((v) => (v === '' ? undefined : v), z.email().optional()),
  RESEND_MAX_RPS: positive(2),
  RESEND_TIMEOUT_MS: positive(15_000),
  TWILIO_ACCOUNT_SID: text,
  TWILIO_AUTH_TOKEN: text,
  TWILIO_MESSAGING_SERVICE_SID: text,
  TWILIO_TIMEOUT_MS: positive(15_000),
  TWILIO_MAX_RPS: positive(10),
  DEMO_SECRET_KEY: text,
  DEMO_PUBLISHABLE_KEY: text,
  QUERY_LOG: text,
  INTEGRATION_KEYS: text,
  PROVIDER_URLS: z.preprocess(
    (v) => {
      if (v === '' || v === undefined) return {}
      try {
        return JSON.parse(String(v))
      } catch {
        return v
      }
    },
    z.record(z.string(), z.url({ protocol: /^https?$/ }), {
      message: 'PROVIDER_URLS must be a JSON object of provider names and URLs.',
    }),
  ),
})

/** What production cannot run without: missing any of these, every route answers 503. */
const requiredInProduction = [
  'PUBLIC_URL',
  'RESEND_API_KEY',
  'RESEND_WEBHOOK_SECRET',
  'EMAIL_FROM',
] as const

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration: ${problems.join(' ')}`)
    this.name = 'ConfigError'
  }
}

function parseConfig(env: Env): Config {
  const parsed = bindings.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  }
  const vars = parsed.data
  const problems: string[] = []
  const databaseUrl = env.HYPERDRIVE?.connectionString ?? vars.DATABASE_URL
  if (!databaseUrl) problems.push('DATABASE_URL (or the HYPERDRIVE binding) is required.')
  if (!vars.SESSION_SECRET) problems.push('SESSION_SECRET is required.')
  if (!vars.LINK_SECRET) problems.push('LINK_SECRET is required.')
  const production = vars.ENVIRONMENT === 'production'
  if (production) {
    for (const name of requiredInProduction) {
      if (!vars[name]) problems.push(`${name} is required in production.`)
    }
  }
  const integrationKeys = vars.INTEGRATION_KEYS ? parseSealingKeys(vars.INTEGRATION_KEYS) : null
  if (typeof integrationKeys === 'string') problems.push(integrationKeys)
  const twilio = [
    vars.TWILIO_ACCOUNT_SID,
    vars.TWILIO_AUTH_TOKEN,
    vars.TWILIO_MESSAGING_SERVICE_SID,
  ]
  const twilioSet = twilio.filter(Boolean).length
  if (twilioSet > 0 && twilioSet < 3) {
    problems.push(
      'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_MESSAGING_SERVICE_SID go together: set all three or none.',
    )
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return {
    environment: vars.ENVIRONMENT,
    databaseUrl: databaseUrl!,
    publicUrl: vars.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    adminToken: vars.ADMIN_TOKEN ?? null,
    sessionSecret: vars.SESSION_SECRET!,
    linkSecret: vars.LINK_SECRET!,
    email: {
      mode: vars.RESEND_API_KEY ? 'resend' : 'capture',
      apiKey: vars.RESEND_API_KEY ?? null,
      baseUrl: vars.RESEND_BASE_URL ?? null,
      from: vars.EMAIL_FROM ?? 'coach@followthrough.example',
      webhookSecret: vars.RESEND_WEBHOOK_SECRET ?? null,
      maxCallsPerSecond: vars.RESEND_MAX_RPS,
      timeoutMs: vars.RESEND_TIMEOUT_MS,
    },
    sms: {
      mode: twilioSet === 3 ? 'twilio' : production ? 'off' : 'capture',
      accountSid: vars.TWILIO_ACCOUNT_SID ?? null,
      authToken: vars.TWILIO_AUTH_TOKEN ?? null,
      messagingServiceSid: vars.TWILIO_MESSAGING_SERVICE_SID ?? null,
      baseUrl: (vars.PROVIDER_URLS.twilio ?? 'https://api.twilio.com').replace(/\/$/, ''),
      timeoutMs: vars.TWILIO_TIMEOUT_MS,
      maxCallsPerSecond: vars.TWILIO_MAX_RPS,
    },
    demo:
      vars.ENVIRONMENT === 'development' && vars.DEMO_SECRET_KEY && vars.DEMO_PUBLISHABLE_KEY
        ? { secretKey: vars.DEMO_SECRET_KEY, publishableKey: vars.DEMO_PUBLISHABLE_KEY }
        : null,
    queryLog: vars.ENVIRONMENT === 'test' && vars.QUERY_LOG === '1',
    integrationKeys: Array.isArray(integrationKeys)
      ? integrationKeys
      : production
        ? null
        : [{ id: 'dev', derivedFrom: vars.LINK_SECRET! }],
    providerUrls: vars.PROVIDER_URLS,
  }
}

// The bindings object lives as long as the isolate, so each is parsed (and a problem logged) once.
const parsedConfigs = new WeakMap<Env, Config | ConfigError>()

/** The checked configuration of these bindings, or a ConfigError naming every problem. */
export function configOf(env: Env): Config {
  let result = parsedConfigs.get(env)
  if (!result) {
    try {
      result = parseConfig(env)
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      result = err
      console.error(`[config] the worker will answer 503 until this is fixed: ${err.message}`)
    }
    parsedConfigs.set(env, result)
  }
  if (result instanceof ConfigError) throw result
  return result
}
