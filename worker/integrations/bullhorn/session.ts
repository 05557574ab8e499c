import { ProviderRefused, type CredentialRenewal } from '../adapter'
import { BullhornError, BullhornUnavailable, callBullhorn, SessionExpired } from './http'
import { requestTokens, restLogin, type RestSession, type Tokens } from './oauth'

// The integration's credentials: what the agency gave (clientId, clientSecret, username), then
// what connecting added — the data center's URLs, the refresh token, an access token not spent
// yet, and the REST session. All of it is sealed in the integration's credentials.

/** An access token this close to its expiry is not worth a login. */
const accessMarginMs = 30_000

/** The credentials with new tokens: the access token is unspent until a login uses it. */
export const withTokens = (credentials: Record<string, string>, tokens: Tokens) => ({
  ...credentials,
  refreshToken: tokens.refreshToken,
  accessToken: tokens.accessToken,
  accessExpiresAt: tokens.accessExpiresAt.toISOString(),
})

/** The credentials with a new REST session; its login spent the access token. */
export const withSession = (credentials: Record<string, string>, session: RestSession) => ({
  ...credentials,
  accessToken: '',
  restUrl: session.restUrl,
  bhRestToken: session.bhRestToken,
})

/**
 * A renewal of the REST session whose BhRestToken `failed`: nothing when the stored session is
 * another (renewed meanwhile); otherwise a login with the unspent access token, else a refresh
 * first. New tokens are kept even when the login after them fails, since the refresh token they
 * replace is spent.
 */
export function renewSession(failed: string): CredentialRenewal {
  return async (current) => {
    if ((current.bhRestToken ?? '') !== failed) return null
    const { refreshToken, oauthUrl, loginUrl, clientId, clientSecret } = current
    if (!refreshToken || !oauthUrl || !loginUrl || !clientId || !clientSecret) {
      throw new ProviderRefused('Bullhorn is not connected: open the connect link first.')
    }
    const unspent =
      current.accessToken && Date.parse(current.accessExpiresAt ?? '') > Date.now() + accessMarginMs
    if (unspent) {
      try {
        return {
          credentials: withSession(current, await restLogin(loginUrl, current.accessToken!)),
        }
      } catch (err) {
        // spent or refused after all: a refresh below gives a new one
        if (!(err instanceof BullhornError)) throw err
      }
    }
    const tokens = await requestTokens(
      oauthUrl,
      { clientId, clientSecret },
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      new Date(),
    )
    const refreshed = withTokens(current, tokens)
    try {
      return { credentials: withSession(refreshed, await restLogin(loginUrl, tokens.accessToken)) }
    } catch (err) {
      return {
        credentials: refreshed,
        failure: err instanceof Error ? err : new Error(String(err)),
      }
    }
  }
}

/** Renews the session whose BhRestToken failed; the credentials in force after. */
export type SessionRenewer = (failed: string) => Promise<Record<string, string>>

/**
 * Calls to the corporation's REST API with the integration's session. A 401 renews the session
 * (through `renew`, under the integration's lock) and the call is made once more; without
 * `renew` the SessionExpired is the caller's.
 */
export class BullhornRest {
  constructor(
    private credentials: Record<string, string>,
    private readonly renew: SessionRenewer | null,
  ) {}

  async call(path: string, init: { method?: string; body?: unknown } = {}) {
    try {
      return await this.attemptReading(path, init)
    } catch (err) {
      if (!(err instanceof SessionExpired) || !this.renew) throw err
      this.credentials = await this.renew(err.bhRestToken)
      return this.attempt(path, init)
    }
  }

  /**
   * A read that met a failed or lost answer (not a 429: Bullhorn asks to slow down) is tried once
   * more at once: reading changes nothing, and a poll gets on instead of stopping at a blip.
   */
  private async attemptReading(path: string, init: { method?: string; body?: unknown }) {
    try {
      return await this.attempt(path, init)
    } catch (err) {
      const reading = (init.method ?? 'GET') === 'GET'
      if (!reading || !(err instanceof BullhornUnavailable) || err.status === 429) throw err
      return this.attempt(path, init)
    }
  }

  private attempt(path: string, init: { method?: string; body?: unknown }) {
    const { restUrl, bhRestToken } = this.credentials
    if (!restUrl || !bhRestToken) throw new SessionExpired(bhRestToken ?? '')
    return callBullhorn(`${restUrl}${path}`, { ...init, bhRestToken })
  }
}
