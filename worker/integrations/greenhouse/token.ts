import { z } from 'zod'
import { ProviderRefused, ProviderUnavailable, type ProviderContext } from '../adapter'

// Harvest v3's access tokens: the client-credentials grant (the agency's client id and secret
// from Greenhouse's Dev Center, as HTTP Basic; `sub` names the Greenhouse user the calls act as).
// A token lasts an hour. It is kept with the integration's sealed credentials, so calls within
// the hour, across requests and isolates, share one; a new one is asked for when it is within a
// minute of its end or Greenhouse no longer takes it.

const granted = z.looseObject({
  access_token: z.string().min(1),
  // clients report either; read both, and assume an hour when neither is there
  expires_at: z.string().optional(),
  expires_in: z.number().positive().optional(),
})

interface Held {
  token: string
  expiresAt: string
}

/** Tokens already read for a context: its calls after the first do not look again. */
const held = new WeakMap<ProviderContext, Held>()

const MARGIN_MS = 60_000

/** Greenhouse's token route; a sandbox or test server serves it at its own origin. */
export function tokenUrl(apiUrl: string): string {
  const url = new URL(apiUrl)
  return url.hostname === 'harvest.greenhouse.io'
    ? 'https://auth.greenhouse.io/token'
    : `${url.origin}/token`
}

/**
 * A token for the context's calls, other than `stale` (one Greenhouse just refused). Asks
 * Greenhouse for a new one only when the stored one will not do; two callers asking at once
 * store one of theirs and both use it.
 */
export async function harvestToken(context: ProviderContext, stale?: string): Promise<string> {
  const usable = (found: Partial<Held> | undefined): found is Held =>
    found?.token !== undefined &&
    found.token !== stale &&
    Date.parse(found.expiresAt ?? '') - MARGIN_MS > Date.now()
  const cached = held.get(context)
  if (usable(cached)) return cached.token
  const stored = storedToken(context.credentials)
  if (usable(stored)) {
    held.set(context, stored)
    return stored.token
  }
  const minted = await mint(context)
  const inForce = await context.rotateCredentials(async (current) =>
    usable(storedToken(current))
      ? null
      : {
          credentials: {
            ...current,
            accessToken: minted.token,
            accessTokenExpiresAt: minted.expiresAt,
          },
        },
  )
  const token = storedToken(inForce)
  const chosen = usable(token) ? token : minted
  held.set(context, chosen)
  return chosen.token
}

const storedToken = (credentials: Record<string, string>): Partial<Held> => ({
  token: credentials.accessToken,
  expiresAt: credentials.accessTokenExpiresAt,
})

async function mint(context: ProviderContext): Promise<Held> {
  const { clientId, clientSecret, userId } = context.credentials
  if (!clientId || !clientSecret) {
    throw new ProviderRefused(
      'This Greenhouse integration has no Harvest v3 client credentials (Greenhouse no longer takes v1 API keys): delete it and connect again as README says.',
    )
  }
  const form = new URLSearchParams({ grant_type: 'client_credentials' })
  if (userId) form.set('sub', userId)
  let response: Response
  try {
    response = await fetch(tokenUrl(context.apiUrl), {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
      signal: AbortSignal.timeout(15_000),
    })
  } catch (err) {
    throw new ProviderUnavailable(
      `no answer from Greenhouse's token route: ${(err as Error).message}`,
    )
  }
  const text = await response.text()
  if (response.status === 429 || response.status >= 500) {
    const wait = Number(response.headers.get('retry-after'))
    throw new ProviderUnavailable(
      `Greenhouse's token route answered ${response.status}`,
      Number.isFinite(wait) && wait > 0 ? Math.min(Math.ceil(wait), 3600) : 60,
    )
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = null
  }
  if (!response.ok) {
    // the error code only: Greenhouse's messages may repeat the client id
    const code = (body as { error?: unknown } | null)?.error
    throw new ProviderRefused(
      `Greenhouse refused the Harvest client credentials${userId ? ` or user ${userId}` : ''} (${response.status}${typeof code === 'string' ? `: ${code.slice(0, 60)}` : ''}).`,
    )
  }
  const parsed = granted.safeParse(body)
  if (!parsed.success) {
    throw new ProviderRefused(
      'Greenhouse answered the token request in a shape this integration cannot read.',
    )
  }
  const { access_token, expires_at, expires_in } = parsed.data
  const until = Date.parse(expires_at ?? '')
  const expiresAt = Number.isNaN(until) ? Date.now() + (expires_in ?? 3600) * 1000 : until
  return { token: access_token, expiresAt: new Date(expiresAt).toISOString() }
}
