import { describe, expect, it } from 'vitest'
import type { PrincipalKind } from '../../worker/env'
import { signSession } from '../../worker/services/sessions'
import { documentedOperations, type DocumentedOperation } from './api-document'
import { createAgency, createSession, type TestAgency } from './factories'
import { ADMIN_TOKEN, SESSION_SECRET, type Harness } from './harness'
import { createWebhookIntegration, signatureOf, type TestIntegration } from './integrations'

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
  /** the agency's webhook integration: the signed routes are aimed at it */
  integration: TestIntegration
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
    integration: await createWebhookIntegration(h, agency),
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

/**
 * Where a route's answers differ from the credentials it documents: each documented kind must get
 * past authentication (any answer but 401 or 403: an empty body is a 400, a placeholder id a 404),
 * each other kind must be refused with a 403.
 */
export async function credentialMismatches(
  h: Harness,
  creds: Credentials,
  op: DocumentedOperation,
  documented: PrincipalKind[],
): Promise<string[]> {
  const tokens: Record<PrincipalKind, string> = {
    admin: ADMIN_TOKEN,
    secret: creds.agency.secretKey,
    session: creds.session,
  }
  const mismatches: string[] = []
  for (const [kind, token] of Object.entries(tokens) as [PrincipalKind, string][]) {
    const res = await call(h, op, token)
    const refused = res.status === 401 || res.status === 403
    if (documented.includes(kind) && refused) {
      mismatches.push(`${kind}: documented, but answered ${res.status} ${res.text}`)
    }
    if (!documented.includes(kind) && res.status !== 403) {
      mismatches.push(`${kind}: not documented, but answered ${res.status}`)
    }
  }
  return mismatches
}

const protectedOperations = documentedOperations.filter((op) => op.credentials.length > 0)
const signedOperations = documentedOperations.filter((op) => op.signature)

/**
 * A signed route called with `signature` (null: none) over an empty JSON object, and a bearer
 * credential beside it; the path names the agency's integration.
 */
function callSigned(
  h: Harness,
  creds: Credentials,
  op: DocumentedOperation,
  signature: string | null,
  token?: string,
) {
  return h.request(op.method.toUpperCase(), op.path.replace('{id}', creds.integration.id), {
    token,
    rawBody: '{}',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'followthrough-signature': signature }),
    },
  })
}
const nameOf = (op: DocumentedOperation) => `${op.method.toUpperCase()} ${op.path}`

/**
 * The same checks for every protected route in the API document, so a new route is covered the
 * day it is declared: no credential, garbage, a revoked key, an expired or tampered session; and
 * each kind of credential is accepted exactly when the route's `x-credentials` names it.
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

      it(`accepts ${op.credentials.join(' and ')} and refuses other kinds (403)`, async () => {
        const creds = getCredentials()
        expect(await credentialMismatches(getHarness(), creds, op, op.credentials)).toEqual([])
        const publishable = await call(getHarness(), op, creds.agency.publishableKey)
        expect(publishable.status).toBe(403)
      })
    },
  )

  describe.each(signedOperations.map((op) => [nameOf(op), op] as const))(
    'signature: %s',
    (_name, op) => {
      it('refuses no signature, a forged, stale or future one, and bearer credentials (401)', async () => {
        const creds = getCredentials()
        const secret = creds.integration.signingSecret
        const minute = 60_000
        const refused: [string, string | null, string?][] = [
          ['none', null],
          ['forged', signatureOf('ftwhsec_forged', '{}')],
          ['stale', signatureOf(secret, '{}', Date.now() - 6 * minute)],
          ['future', signatureOf(secret, '{}', Date.now() + 6 * minute)],
          ['secret key only', null, creds.agency.secretKey],
          ['session only', null, creds.session],
          ['admin token only', null, ADMIN_TOKEN],
        ]
        for (const [what, signature, token] of refused) {
          const res = await callSigned(getHarness(), creds, op, signature, token)
          expect(res.status, what).toBe(401)
          expect(res.body.error.code).toBe('unauthorized')
        }
      })

      it('accepts the signature of the integration it names', async () => {
        const creds = getCredentials()
        const signature = signatureOf(creds.integration.signingSecret, '{}')
        const res = await callSigned(getHarness(), creds, op, signature)
        // past the signature, an empty object is not an event
        expect(res.status, res.text).toBe(400)
      })
    },
  )

  describe('the auth suite itself', () => {
    it('covers the protected routes of the API document', () => {
      expect(protectedOperations.length).toBeGreaterThanOrEqual(13)
      expect(signedOperations.length).toBeGreaterThanOrEqual(1)
    })

    it('fails a route documented with a credential it refuses, or without one it accepts', async () => {
      const creds = getCredentials()
      const secretOnly = protectedOperations.find((op) => !op.credentials.includes('session'))!
      const withSession = protectedOperations.find((op) => op.credentials.includes('session'))!
      const claimsSession = await credentialMismatches(getHarness(), creds, secretOnly, [
        ...secretOnly.credentials,
        'session',
      ])
      expect(claimsSession).toEqual([
        expect.stringMatching(/^session: documented, but answered 403/),
      ])
      const hidesSession = await credentialMismatches(
        getHarness(),
        creds,
        withSession,
        withSession.credentials.filter((kind) => kind !== 'session'),
      )
      expect(hidesSession).toEqual([
        expect.stringMatching(/^session: not documented, but answered/),
      ])
    })
  })
}
