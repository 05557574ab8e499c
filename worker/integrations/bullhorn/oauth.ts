import { ProviderRefused, ProviderUnavailable } from '../adapter'
import { BullhornError, callBullhorn, queryOf } from './http'

// Bullhorn's sign-in chain (bullhorn.github.io/Getting-Started-with-REST, /docs/oauth):
// loginInfo names the agency's data center (its oauthUrl and restUrl); the authorization code,
// then each refresh, is exchanged at {oauthUrl}/token for an access token and a new refresh token
// (the one presented is spent); {restUrl}/login turns an access token into a REST session, a
// BhRestToken with the corporation's own restUrl. The access token serves one login.

export interface DataCenter {
  oauthUrl: string
  /** where `login` is: `{restUrl}/login` */
  loginUrl: string
}

export interface Tokens {
  accessToken: string
  refreshToken: string
  /** when the access token stops working */
  accessExpiresAt: Date
}

export interface RestSession {
  /** the corporation's REST base, ending in "/" */
  restUrl: string
  bhRestToken: string
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null
const trimSlash = (url: string) => url.replace(/\/+$/, '')

/** The API user's data center, from loginInfo (a 307 to the right one is followed). */
export async function discover(apiUrl: string, username: string): Promise<DataCenter> {
  const info = await callBullhorn(
    `${trimSlash(apiUrl)}/rest-services/loginInfo?${queryOf({ username })}`,
  )
  const oauthUrl = text(info?.oauthUrl)
  const restUrl = text(info?.restUrl)
  if (!oauthUrl || !restUrl) throw new ProviderUnavailable('Bullhorn loginInfo named no URLs')
  return { oauthUrl: trimSlash(oauthUrl), loginUrl: `${trimSlash(restUrl)}/login` }
}

/** The page where the agency's Bullhorn user signs in and allows Followthrough. */
export function authorizeUrl(
  oauthUrl: string,
  clientId: string,
  redirectUri: string,
  state: string,
): string {
  const query = queryOf({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    state,
  })
  return `${oauthUrl}/authorize?${query}`
}

type Grant =
  | { grant_type: 'authorization_code'; code: string; redirect_uri: string }
  | { grant_type: 'refresh_token'; refresh_token: string }

/**
 * New tokens for an authorization code or a refresh token. A refresh token Bullhorn no longer
 * takes (spent, revoked) is a ProviderRefused: the agency must connect again.
 */
export async function requestTokens(
  oauthUrl: string,
  client: { clientId: string; clientSecret: string },
  grant: Grant,
  now: Date,
): Promise<Tokens> {
  const query = queryOf({
    ...grant,
    client_id: client.clientId,
    client_secret: client.clientSecret,
  })
  let body: Record<string, unknown> | null
  try {
    body = await callBullhorn(`${oauthUrl}/token?${query}`, { method: 'POST' })
  } catch (err) {
    if (err instanceof BullhornError && err.body.error === 'invalid_grant') {
      throw new ProviderRefused(
        grant.grant_type === 'refresh_token'
          ? 'Bullhorn no longer accepts our refresh token: connect Bullhorn again.'
          : 'Bullhorn did not accept the authorization code (expired or used): connect again.',
      )
    }
    throw err
  }
  const accessToken = text(body?.access_token)
  const refreshToken = text(body?.refresh_token)
  if (!accessToken || !refreshToken) {
    throw new ProviderRefused('Bullhorn issued no refresh token: check the API key with Bullhorn.')
  }
  const lifetime = typeof body?.expires_in === 'number' ? body.expires_in : 600
  return { accessToken, refreshToken, accessExpiresAt: new Date(now.getTime() + lifetime * 1000) }
}

/** A REST session for an access token (which it spends). */
export async function restLogin(loginUrl: string, accessToken: string): Promise<RestSession> {
  const body = await callBullhorn(
    `${loginUrl}?${queryOf({ version: '*', access_token: accessToken })}`,
    { method: 'POST' },
  )
  const bhRestToken = text(body?.BhRestToken)
  const restUrl = text(body?.restUrl)
  if (!bhRestToken || !restUrl) throw new ProviderUnavailable('Bullhorn login gave no session')
  return { bhRestToken, restUrl: `${trimSlash(restUrl)}/` }
}
