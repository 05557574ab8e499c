import { z } from 'zod'
import type { Db } from '../../db/client'
import { base64url, fromBase64url, hmacSign, hmacVerify } from '../lib/crypto'
import type { CreateSessionInput, Recruiter, RecruiterRole } from '../schemas/session'
import { upsertRecruiter } from './recruiters'

const prefix = 'ft_ses_'

const sessionClaims = z.object({
  agencyId: z.uuid(),
  recruiterId: z.uuid(),
  /** the secret key that minted the session: revoking it ends the session */
  keyId: z.uuid(),
  /** the recruiter's session_version at minting: a role change or sign-out moves it on */
  version: z.number().int(),
  /** expiry, seconds since the epoch */
  exp: z.number(),
})

export type SessionClaims = z.infer<typeof sessionClaims>

/**
 * Recruiter sessions are signed, `ft_ses_<claims>.<hmac>`, and live at most an hour. They are not
 * stored: each use checks that the key that minted them is active and that the recruiter's
 * version is the one they name, so revoking the key, changing the role or signing the recruiter
 * out ends them at once.
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
    const json = JSON.parse(new TextDecoder().decode(fromBase64url(body) ?? new Uint8Array()))
    const claims = sessionClaims.safeParse(json)
    if (!claims.success || claims.data.exp * 1000 <= now) return null
    return claims.data
  } catch {
    return null
  }
}

/**
 * The recruiter's role while a verified session is still live, or null once it has ended: its
 * key revoked, or the recruiter's version moved on. One query, by primary keys.
 */
export async function liveSessionRole(
  db: Db,
  claims: SessionClaims,
): Promise<RecruiterRole | null> {
  const row = await db
    .selectFrom('recruiters as r')
    .innerJoin('api_keys as k', 'k.agency_id', 'r.agency_id')
    .select('r.role')
    .where('r.id', '=', claims.recruiterId)
    .where('r.agency_id', '=', claims.agencyId)
    .where('r.session_version', '=', claims.version)
    .where('k.id', '=', claims.keyId)
    .where('k.kind', '=', 'secret')
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst()
  return row?.role ?? null
}

/** Upserts the recruiter and signs a session for them, naming the secret key that asked. */
export async function mintSession(
  db: Db,
  secret: string,
  minter: { agencyId: string; keyId: string },
  input: CreateSessionInput,
): Promise<{ token: string; expiresAt: string; recruiter: Recruiter }> {
  const { recruiter, sessionVersion } = await upsertRecruiter(db, minter.agencyId, input.recruiter)
  const exp = Math.floor(Date.now() / 1000) + input.ttlSeconds
  const token = await signSession(secret, {
    agencyId: minter.agencyId,
    recruiterId: recruiter.id,
    keyId: minter.keyId,
    version: sessionVersion,
    exp,
  })
  return { token, expiresAt: new Date(exp * 1000).toISOString(), recruiter }
}
