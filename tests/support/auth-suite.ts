import { describe, expect, it } from 'vitest'
import type { PrincipalKind } from '../../worker/env'
import { signSession } from '../../worker/services/sessions'
import { documentedOperations, type DocumentedOperation } from './api-document'
import { createAgency, createSession, type TestAgency } from './factories'
import { ADMIN_TOKEN, SESSION_SECRET, type Harness } from './harness'

const placeholderId = '00000000-0000-4000-8000-000000000000'

function concretePath(op: DocumentedOperation): string {
  return op.path.replace(/\{\w+\}/g, placeholderId)
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

function call(h: Harness, op: DocumentedOperation, token?: string) {
  return h.request(op.method.toUpperCase(), concretePath(op), {
    token,
    json: op.body ? {} : undefined,
  })
}

const protectedOperations = documentedOperations.filter((op) => op.credentials.length > 0)
const nameOf = (op: DocumentedOperation) => `${op.method.toUpperCase()} ${op.path}`

/**
 * The same checks for every protected route in the API document, so a new route is covered the
 * day it is declared: no credential, a credential of the wrong kind, a revoked key, an expired or
 * tampered session, and garbage.
 */
export function describeAuthSuite(getHarness: () => Harness, getCredentials: () => Credentials) {
  describe.each(protectedOperations.map((op) => [nameOf(op), op] as const))(
    'auth: %s',
    (_name, op) => {
      it('refuses a request without a credential (401)', async () => {
        const res = await call(getHarness(), op)
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
          const res = await call(getHarness(), op, token)
          expect(res.status, token).toBe(401)
        }
      })

      it('refuses credentials of other kinds (403)', async () => {
        const creds = getCredentials()
        const others: Record<PrincipalKind, string> = {
          admin: ADMIN_TOKEN,
          secret: creds.agency.secretKey,
          session: creds.session,
        }
        for (const [kind, token] of Object.entries(others) as [PrincipalKind, string][]) {
          if (op.credentials.includes(kind)) continue
          const res = await call(getHarness(), op, token)
          expect(res.status, kind).toBe(403)
        }
        const publishable = await call(getHarness(), op, creds.agency.publishableKey)
        expect(publishable.status).toBe(403)
      })
    },
  )
}
