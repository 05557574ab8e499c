import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, Env } from '../env'
import { ApiError } from '../errors'
import { sha256Hex } from '../lib/crypto'

/** Both limiters count over a minute (wrangler.toml), so that is when to come back. */
const retryAfterSeconds = 60

/**
 * Cloudflare's rate-limit binding, keyed by what identifies the caller: the credential on the API
 * (hashed: the key never leaves the request), the link token on candidate pages, and the client
 * address only when there is neither.
 */
export const rateLimit = (
  binding: 'API_LIMITER' | 'LINK_LIMITER',
  keyOf: (c: Context<AppEnv>) => string | undefined,
) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const limiter = (c.env as Env)[binding]
    if (limiter) {
      const raw = keyOf(c) ?? `ip:${c.req.header('cf-connecting-ip') ?? 'unknown'}`
      const { success } = await limiter.limit({ key: (await sha256Hex(raw)).slice(0, 32) })
      if (!success) {
        throw new ApiError(
          'rate_limited',
          'Too many requests; slow down and try again shortly.',
          [],
          {
            'Retry-After': String(retryAfterSeconds),
          },
        )
      }
    }
    await next()
  })

export const byCredential = (c: Context<AppEnv>) => {
  const header = c.req.header('authorization')
  return header ? `auth:${header}` : undefined
}

export const byLinkToken = (c: Context<AppEnv>) => {
  const token = c.req.path.split('/')[2]
  return token ? `link:${token}` : undefined
}
