import { describe, expect, it } from 'vitest'
import { signSession } from '../../worker/services/sessions'
import type { RouteDoc } from '../../worker/openapi/registry'
import { routeDocs } from '../../worker/openapi/document'
import { createAgency, createSession, type TestAgency } from './factories'
import { ADMIN_TOKEN, SESSION_SECRET, type Harness } from './harness'

const placeholderId = '00000000-0000-4000-8000-000000000000'

function concretePath(doc: RouteDoc): string {
  return doc.path.replace(/:(\w+)/g, placeholderId)
}

export interface Credentials {
  agency: TestAgency
  revokedSecretKey: string
  session: string
  expiredSession: string
  tamperedSession: string
}

/** An agency with one credential of every kind and state the suite needs. */
export async function arrangeCredentials(h: Harness): Promise<Credentials> {
  const agency = await createAgency(h)
  const extra = await h.request('POST', '/v1/keys', {
    token: agency.secretKey,
    json: { kind: 'secret' },
  })
  const revoked = await h.request('DELETE', `/v1/keys/${extra.body.id}`, {
    token: agency.secretKey,
  })
  expect(revoked.status).toBe(200)
  const { token } = await createSession(h, agency, { role: 'manager' })
  const [body, signature] = token.split('.')
  const claims = JSON.parse(Buffer.from(body!.slice('ft_ses_'.length), 'base64url').toString())
  const expiredSession = await signSession(SESSION_SECRET, {
    ...claims,
    exp: Math.floor(Date.now() / 1000) - 1,
  })
  const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString(
    'base64url',
  )
  return {
    agency,
    revokedSecretKey: extra.body.key,
    session: token,
    expiredSession,
    tamperedSession: `ft_ses_${forged}.${signature}`,
  }
}

/**
 * The same checks for every protected route in the OpenAPI registry, so a new route is covered
 * the day it is documented: no credential, a credential of the wrong kind, a revoked key, an
 * expired or tampered session, and garbage.
 */
export function describeAuthSuite(getHarness: () => Harness, getCredentials: () => Credentials) {
  const protectedRoutes = routeDocs.filter((doc) => doc.auth.length > 0)

  describe.each(
    protectedRoutes.map((doc) => [`${doc.method.toUpperCase()} ${doc.path}`, doc] as const),
  )('auth: %s', (_name, doc) => {
    const call = (token?: string) =>
      getHarness().request(doc.method.toUpperCase(), concretePath(doc), {
        token,
        json: doc.body ? {} : undefined,
      })

    it('refuses a request without a credential (401)', async () => {
      const res = await call()
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
    })

    it('refuses garbage, a revoked key, an expired and a tampered session (401)', async () => {
      const creds = getCredentials()
      for (const token of [
        'nonsense',
        'ft_sk_' + 'x'.repeat(32),
        creds.revokedSecretKey,
        creds.expiredSession,
        creds.tamperedSession,
      ]) {
        const res = await call(token)
        expect(res.status, token).toBe(401)
      }
    })

    it('refuses credentials of other kinds (403)', async () => {
      const creds = getCredentials()
      const others: Record<string, string> = {
        admin: ADMIN_TOKEN,
        secret: creds.agency.secretKey,
        session: creds.session,
      }
      for (const [kind, token] of Object.entries(others)) {
        if (doc.auth.includes(kind as never)) continue
        const res = await call(token)
        expect(res.status, kind).toBe(403)
      }
      const publishable = await call(creds.agency.publishableKey)
      expect(publishable.status).toBe(403)
    })
  })
}
