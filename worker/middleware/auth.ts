import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, Principal, PrincipalKind } from '../env'
import { ApiError } from '../errors'
import { secretsEqual } from '../lib/crypto'
import { apiKeyKindOf, findActiveApiKey, markApiKeyUsed } from '../services/api-keys'
import { isSessionToken, liveSessionRole, verifySession } from '../services/sessions'
import { countFailedAuthentication, spend } from './rate-limit'

const describe: Record<PrincipalKind, string> = {
  admin: 'the admin token',
  secret: 'a secret key',
  session: 'a recruiter session',
}

function bearerToken(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization')
  const match = header?.match(/^Bearer\s+(\S{1,512})\s*$/i)
  return match?.[1] ?? null
}

const unauthorized = (message: string) => new ApiError('unauthorized', message)

async function principalFor(c: Context<AppEnv>, token: string): Promise<Principal> {
  const kind = apiKeyKindOf(token)
  if (kind === 'publishable') {
    throw new ApiError(
      'forbidden',
      'A publishable key only identifies the agency; send it as X-Followthrough-Key with a recruiter session.',
    )
  }
  if (kind === 'secret') {
    const key = await findActiveApiKey(c.var.db, token)
    if (!key) throw unauthorized('This secret key is not valid or has been revoked.')
    await markApiKeyUsed(c.var.db, key)
    return { kind: 'secret', agencyId: key.agency_id, keyId: key.id }
  }
  if (isSessionToken(token)) {
    const claims = await verifySession(c.var.config.sessionSecret, token)
    const role = claims ? await liveSessionRole(c.var.db, claims) : null
    if (!claims || !role) {
      throw unauthorized('This session is not valid, has expired or was ended; ask for a new one.')
    }
    return { kind: 'session', agencyId: claims.agencyId, recruiterId: claims.recruiterId, role }
  }
  const admin = c.var.config.adminToken
  if (admin && (await secretsEqual(token, admin))) return { kind: 'admin' }
  throw unauthorized('This credential is not recognised.')
}

/** The caller, or a 401 counted against the client that sent it (a 429 past its limit). */
async function authenticatedPrincipal(c: Context<AppEnv>): Promise<Principal> {
  try {
    const token = bearerToken(c)
    if (!token) throw unauthorized('Send a credential in the Authorization header: Bearer <token>.')
    return await principalFor(c, token)
  } catch (err) {
    if (err instanceof ApiError && err.code === 'unauthorized') await countFailedAuthentication(c)
    throw err
  }
}

/** What a valid credential's requests count against, however its header was spelled. */
function limitKeyOf(principal: Principal): string {
  if (principal.kind === 'secret') return `key:${principal.keyId}`
  if (principal.kind === 'session') return `recruiter:${principal.recruiterId}`
  return 'admin'
}

/**
 * Requires one of the `allowed` credentials. From a browser (see browserAccess) only a recruiter
 * session of the agency whose publishable key and origin were checked is accepted. A credential
 * that works counts against its own rate limit; one that does not, against the client's.
 */
export const authenticate = (...allowed: PrincipalKind[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const principal = await authenticatedPrincipal(c)
    await spend(c, 'API_LIMITER', limitKeyOf(principal))
    const browserAgencyId = c.var.browserAgencyId
    if (browserAgencyId !== undefined) {
      if (principal.kind !== 'session' || principal.agencyId !== browserAgencyId) {
        throw new ApiError(
          'forbidden',
          'From a browser, use a recruiter session of the agency whose publishable key is sent.',
        )
      }
    }
    if (!allowed.includes(principal.kind)) {
      throw new ApiError(
        'forbidden',
        `This route needs ${allowed.map((k) => describe[k]).join(' or ')}.`,
      )
    }
    c.set('principal', principal)
    c.set('queriesOfAuthentication', c.var.queriesBeforeRoute())
    await next()
  })

/** The secret key the caller holds; routes that only a secret key may call. */
export function secretKeyOf(principal: Principal): { agencyId: string; keyId: string } {
  if (principal.kind !== 'secret') throw new ApiError('forbidden', 'This route needs a secret key.')
  return { agencyId: principal.agencyId, keyId: principal.keyId }
}

/** The agency the caller acts for; routes mounted behind `authenticate` without admin. */
export function agencyIdOf(principal: Principal): string {
  if (principal.kind === 'admin')
    throw new ApiError('forbidden', 'The admin token acts for no agency.')
  return principal.agencyId
}

/** Whose interviews and figures the caller sees: the agency's, or one recruiter's own. */
export function viewerOf(principal: Principal): {
  agencyId: string
  ownRecruiterId: string | null
} {
  const ownRecruiterId =
    principal.kind === 'session' && principal.role === 'recruiter' ? principal.recruiterId : null
  return { agencyId: agencyIdOf(principal), ownRecruiterId }
}

/**
 * The agency of a caller that sees all of it (the secret key or a manager session); a recruiter
 * session is refused (403) with `why`.
 */
export function agencyWideOf(principal: Principal, why: string): string {
  const viewer = viewerOf(principal)
  if (viewer.ownRecruiterId) throw new ApiError('forbidden', why)
  return viewer.agencyId
}
