import { randomUUID } from 'node:crypto'
import type { FakeAnswer, FakeCall } from '../fake-ats/server'
import { bullhornError } from './errors'

/**
 * Bullhorn's sign-in chain: loginInfo → OAuth 2 authorization code → access token (10 minutes,
 * only for /login) → REST login → BhRestToken. Refresh tokens are single-use: the first refresh
 * consumes one, a second use answers 400 invalid_grant (https://bullhorn.github.io/docs/oauth/).
 * Assumed: the token endpoint's error body (RFC 6749), that an access token serves one /login, that
 * a code lives 5 minutes, and a 10-minute REST session unless `ttl` says otherwise.
 */

export interface BullhornAccount {
  clientId: string
  clientSecret: string
  username: string
  password: string
  redirectUri: string
  /** the corporation's token in the per-corp restUrl, `/rest-services/{corpToken}/` */
  corpToken: string
  /** the CorporateUser the API user is; a Note's commentingPerson defaults to it */
  apiUserId: number
}

export interface IssuedRefreshToken {
  token: string
  issuedAt: Date
  /** how it was obtained */
  via: 'authorization_code' | 'refresh_token' | 'seeded'
  /** set when a refresh used it; it can never be used again */
  consumedAt: Date | null
  /** the refresh token issued in exchange */
  replacedBy: string | null
}

const CODE_LIFETIME_MS = 5 * 60 * 1000
const ACCESS_LIFETIME_S = 600
const DEFAULT_SESSION_MINUTES = 10
const MAX_SESSION_MINUTES = 2880

export class AuthState {
  /** '' for the prefix-less data center; otherwise every URL lives under `/{dataCenter}` */
  dataCenter = ''
  readonly refreshTokens: IssuedRefreshToken[] = []
  private readonly codes = new Map<string, { expiresAt: number; redirectUri: string | null }>()
  private readonly accessTokens = new Map<string, { expiresAt: number }>()
  private readonly sessions = new Map<string, { expiresAt: number }>()

  constructor(readonly account: BullhornAccount) {}

  prefix(): string {
    return this.dataCenter === '' ? '' : `/${this.dataCenter}`
  }

  seedRefreshToken(): string {
    return this.issue('seeded').refresh_token
  }

  expireSessions(token?: string) {
    for (const [key, session] of this.sessions) {
      if (token === undefined || key === token) session.expiresAt = 0
    }
  }

  expireAccessTokens() {
    for (const access of this.accessTokens.values()) access.expiresAt = 0
  }

  clear() {
    this.dataCenter = ''
    this.refreshTokens.length = 0
    this.codes.clear()
    this.accessTokens.clear()
    this.sessions.clear()
  }

  loginInfo(call: FakeCall, baseUrl: string): FakeAnswer {
    const username = call.query.get('username')
    if (username !== this.account.username) {
      throw bullhornError(400, 'Invalid or missing username.')
    }
    const root = `${baseUrl}${this.prefix()}`
    return {
      status: 200,
      body: {
        atsUrl: `${root}/ats`,
        coreUrl: `${root}/core`,
        oauthUrl: `${root}/oauth`,
        restUrl: `${root}/rest-services`,
        samlUrl: `${root}/saml`,
        novoUrl: `${root}/novo`,
        dataCenterId: 3,
        superClusterId: 33,
      },
    }
  }

  authorize(call: FakeCall): FakeAnswer {
    const params = allParams(call)
    const page = (message: string) => ({
      status: 200,
      rawBody: `<!doctype html><html><body><form method="post"><p class="error">${message}</p></form></body></html>`,
      headers: { 'content-type': 'text/html;charset=UTF-8' },
    })
    if (params.get('client_id') !== this.account.clientId) return page('Invalid Client Id')
    if (params.get('response_type') !== 'code') return page('Invalid response_type')
    const redirectUri = params.get('redirect_uri')
    if (redirectUri !== null && redirectUri !== this.account.redirectUri) {
      return page('Invalid Redirect URI')
    }
    if (params.get('action') !== 'Login') {
      const form =
        `<!doctype html><html><body><form method="post"><input name="username">` +
        `<input name="password" type="password"><input type="hidden" name="action" value="Login">` +
        `</form></body></html>`
      return { status: 200, rawBody: form, headers: { 'content-type': 'text/html;charset=UTF-8' } }
    }
    if (
      params.get('username') !== this.account.username ||
      params.get('password') !== this.account.password
    ) {
      return page('Invalid username or password.')
    }
    const code = `22:${randomUUID()}`
    this.codes.set(code, { expiresAt: Date.now() + CODE_LIFETIME_MS, redirectUri })
    const target = new URL(redirectUri ?? this.account.redirectUri)
    target.searchParams.set('code', code)
    target.searchParams.set('client_id', this.account.clientId)
    const state = params.get('state')
    if (state !== null) target.searchParams.set('state', state)
    return { status: 302, headers: { location: target.toString() } }
  }

  token(call: FakeCall): FakeAnswer {
    const params = allParams(call)
    if (
      params.get('client_id') !== this.account.clientId ||
      params.get('client_secret') !== this.account.clientSecret
    ) {
      return oauthError('invalid_client', 'Invalid client credentials')
    }
    const grant = params.get('grant_type')
    if (grant === 'authorization_code') {
      const code = params.get('code') ?? ''
      const stored = this.codes.get(code)
      this.codes.delete(code)
      if (!stored || stored.expiresAt < Date.now()) {
        return oauthError('invalid_grant', 'Invalid, expired or already used authorization code')
      }
      if (stored.redirectUri !== null && params.get('redirect_uri') !== stored.redirectUri) {
        return oauthError('invalid_grant', 'redirect_uri does not match the authorization request')
      }
      return { status: 200, body: this.issue('authorization_code') }
    }
    if (grant === 'refresh_token') {
      const presented = params.get('refresh_token')
      const issued = this.refreshTokens.find((entry) => entry.token === presented)
      if (!issued || issued.consumedAt !== null) {
        return oauthError('invalid_grant', 'Invalid or already used refresh token')
      }
      issued.consumedAt = new Date()
      const body = this.issue('refresh_token')
      issued.replacedBy = body.refresh_token
      return { status: 200, body }
    }
    return oauthError('unsupported_grant_type', `Unsupported grant_type '${grant ?? ''}'`)
  }

  login(call: FakeCall, baseUrl: string): FakeAnswer {
    const params = allParams(call)
    if (!params.get('version')) throw bullhornError(400, "Missing required parameter 'version'.")
    const token = params.get('access_token') ?? ''
    const access = this.accessTokens.get(token)
    this.accessTokens.delete(token)
    if (!access || access.expiresAt < Date.now()) {
      throw bullhornError(400, 'Invalid or expired OAuth access token.', 'errors.internalError')
    }
    const ttl = Math.min(Number(params.get('ttl') ?? DEFAULT_SESSION_MINUTES), MAX_SESSION_MINUTES)
    const bhRestToken = randomUUID()
    this.sessions.set(bhRestToken, { expiresAt: Date.now() + ttl * 60 * 1000 })
    return {
      status: 200,
      body: {
        BhRestToken: bhRestToken,
        restUrl: `${baseUrl}${this.prefix()}/rest-services/${this.account.corpToken}/`,
      },
    }
  }

  /** the session's expiry for a REST call: 412 without a token, 401 for a bad or expired one */
  checkSession(call: FakeCall): number {
    const cookie = /(?:^|;\s*)BhRestToken=([^;]+)/i.exec(call.headers.cookie ?? '')?.[1]
    const token = call.query.get('BhRestToken') ?? call.headers.bhresttoken ?? cookie
    if (!token) throw bullhornError(412)
    const session = this.sessions.get(token)
    if (!session || session.expiresAt < Date.now()) throw bullhornError(401)
    return session.expiresAt
  }

  logout(call: FakeCall) {
    const token = call.query.get('BhRestToken') ?? call.headers.bhresttoken
    if (token) this.sessions.delete(token)
  }

  private issue(via: IssuedRefreshToken['via']) {
    const accessToken = `5:${randomUUID()}`
    const refreshToken = `5:${randomUUID()}`
    this.accessTokens.set(accessToken, { expiresAt: Date.now() + ACCESS_LIFETIME_S * 1000 })
    this.refreshTokens.push({
      token: refreshToken,
      issuedAt: new Date(),
      via,
      consumedAt: null,
      replacedBy: null,
    })
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_LIFETIME_S,
      refresh_token: refreshToken,
    }
  }
}

/** query parameters and an urlencoded form body together: Bullhorn's clients send either */
function allParams(call: FakeCall): URLSearchParams {
  const params = new URLSearchParams(call.query)
  if (typeof call.body === 'object' && call.body !== null && !Array.isArray(call.body)) {
    for (const [name, value] of Object.entries(call.body)) {
      if (typeof value === 'string' && !params.has(name)) params.set(name, value)
    }
  }
  return params
}

function oauthError(error: string, description: string): FakeAnswer {
  return { status: 400, body: { error, error_description: description } }
}
