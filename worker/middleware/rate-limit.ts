import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, RateLimiterName } from '../env'
import { ApiError } from '../errors'
import { sha256Hex } from '../lib/crypto'

/** Every limiter counts over a minute (wrangler.toml), so that is when to come back. */
const periodSeconds = 60

const rateLimited = (retryAfterSeconds = periodSeconds) =>
  new ApiError('rate_limited', 'Too many requests; slow down and try again shortly.', [], {
    'Retry-After': String(retryAfterSeconds),
  })

/** Counts one request against `key` in Cloudflare's rate-limit binding; past its limit, a 429. */
export async function spend(
  c: Context<AppEnv>,
  binding: RateLimiterName,
  key: string,
): Promise<void> {
  const limiter = c.env[binding]
  if (!limiter) return
  const { success } = await limiter.limit({ key })
  if (!success) throw rateLimited()
}

/** The network of an IPv6 address: one subscriber is usually given a whole /64. */
function ipv6Network(address: string): string {
  const [head = '', tail] = address.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0')
  const groups = tail === undefined ? left : [...left, ...zeros, ...right]
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/**
 * Who is calling, for the limits kept per client: the address Cloudflare saw (an IPv6 address by
 * its /64), or one shared bucket when there is none.
 */
export function clientOf(c: Context<AppEnv>): string {
  const address = c.req.header('cf-connecting-ip')?.trim().toLowerCase()
  if (!address) return 'unknown'
  // IPv4, written plainly or mapped into IPv6
  if (address.includes('.')) return address.slice(address.lastIndexOf(':') + 1)
  return address.includes(':') ? ipv6Network(address) : address
}

/**
 * Clients refused for failing to authenticate, and until when (ms). The binding cannot tell
 * whether a client is over its limit without counting one more failure, so the refusal is
 * remembered here: until it ends, the client is refused before any credential is looked up,
 * right ones included, so going on guessing costs us nothing and tells the guesser nothing. Each
 * isolate learns of a refusal from the binding at the client's next failure there.
 */
const refusedUntil = new Map<string, number>()
const maxRefusedClients = 10_000

/** Refuses a client that failed to authenticate too often in the last minute. */
export const refuseGuessingClients = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const client = clientOf(c)
    const until = refusedUntil.get(client)
    if (until !== undefined) {
      const left = until - Date.now()
      if (left > 0) throw rateLimited(Math.ceil(left / 1000))
      refusedUntil.delete(client)
    }
    await next()
  })

/**
 * Counts a credential or link that did not work against the client that sent it. Past the
 * limit this throws the 429 the caller answers instead, and the client is refused for a minute.
 */
export async function countFailedAuthentication(c: Context<AppEnv>): Promise<void> {
  const limiter = c.env.FAILED_AUTH_LIMITER
  if (!limiter) return
  const client = clientOf(c)
  const { success } = await limiter.limit({ key: `client:${client}` })
  if (success) return
  if (refusedUntil.size >= maxRefusedClients) {
    // the oldest refusal goes first: Map keeps insertion order
    refusedUntil.delete(refusedUntil.keys().next().value!)
  }
  refusedUntil.set(client, Date.now() + periodSeconds * 1000)
  throw rateLimited()
}

/** Routes that take no credential (health, the API document, webhooks): per client. */
export const limitPerClient = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await spend(c, 'PUBLIC_LIMITER', `client:${clientOf(c)}`)
    await next()
  })

/**
 * Candidate links (/c, /u): each link counts on its own, by the SHA-256 of its token (what its
 * row stores), so the token never reaches the limiter. A 404 there is a link that does not work
 * (or an id beside it that names nothing of it) and counts as a failed credential.
 */
export const limitPerLink = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = c.req.path.split('/')[2]
    const key = token ? `link:${await sha256Hex(token)}` : `client:${clientOf(c)}`
    await spend(c, 'LINK_LIMITER', key)
    await next()
    if (c.res.status === 404) await countFailedAuthentication(c)
  })
