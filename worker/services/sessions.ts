import { base64url, fromBase64url, hmacSign, hmacVerify } from '../lib/crypto'
import type { RecruiterRole } from '../schemas/session'

const prefix = 'ft_ses_'

export interface SessionClaims {
  agencyId: string
  recruiterId: string
  role: RecruiterRole
  /** expiry, seconds since the epoch */
  exp: number
}

/**
 * Recruiter sessions are signed, not stored: `ft_ses_<claims>.<hmac>`. They live at most an hour,
 * so the widget asks the agency's backend for a new one rather than anything being revoked here.
 */
export async function signSession(secret: string, claims: SessionClaims): Promise<string> {
  const body = base64url(new TextEncoder().encode(JSON.stringify(claims)))
  return `${prefix}${body}.${await hmacSign(secret, body)}`
}

export function isSessionToken(token: string): boolean {
  return token.startsWith(prefix)
}

/** The claims of a genuine, unexpired session token, or null. */
export async function verifySession(
  secret: string,
  token: string,
  now = Date.now(),
): Promise<SessionClaims | null> {
  const [body, signature, extra] = token.slice(prefix.length).split('.')
  if (!body || !signature || extra !== undefined) return null
  if (!(await hmacVerify(secret, body, signature))) return null
  try {
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(body) ?? new Uint8Array()))
    if (typeof claims?.exp !== 'number' || claims.exp * 1000 <= now) return null
    return claims as SessionClaims
  } catch {
    return null
  }
}
