import { beforeAll, describe, expect, it } from 'vitest'
import { createAgency, createSession } from '../support/factories'
import { type RequestOptions } from '../support/harness'
import { useAgency, useHarness } from '../support/lifecycle'

const portal = 'https://portal.northwind.example'
let session: string
const h = useHarness()
const agency = useAgency(h, { allowedOrigins: [portal] })
beforeAll(async () => {
  session = (await createSession(h, agency)).token
})

describe('browser access with a publishable key', () => {
  it('grants a preflight from an allowed origin that carries the key in the query', async () => {
    const res = await h.request('OPTIONS', `/v1/agency?key=${agency.publishableKey}`, {
      headers: {
        origin: portal,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-followthrough-key',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(portal)
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
  })

  it('lets a recruiter session through from an allowed origin, with a CORS grant', async () => {
    const res = await h.request('GET', '/v1/agency', {
      token: session,
      headers: { origin: portal, 'x-followthrough-key': agency.publishableKey },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(portal)
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/)
  })

  it('refuses an origin not on the list: 403 and no CORS grant, preflight or not', async () => {
    const evil = 'https://evil.example'
    const preflight = await h.request('OPTIONS', `/v1/agency?key=${agency.publishableKey}`, {
      headers: { origin: evil, 'access-control-request-method': 'GET' },
    })
    const real = await h.request('GET', '/v1/agency', {
      token: session,
      headers: { origin: evil, 'x-followthrough-key': agency.publishableKey },
    })
    for (const res of [preflight, real]) {
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('refuses a browser without a key, with a revoked key, or with a secret key', async () => {
    const other = await createAgency(h, { allowedOrigins: [portal] })
    const pk = await h.request('POST', '/v1/keys', {
      token: other.secretKey,
      json: { kind: 'publishable' },
    })
    await h.request('DELETE', `/v1/keys/${pk.body.id}`, { token: other.secretKey })
    const cases: RequestOptions[] = [
      { token: session, headers: { origin: portal } },
      { token: session, headers: { origin: portal, 'x-followthrough-key': pk.body.key } },
    ]
    for (const options of cases) {
      const res = await h.request('GET', '/v1/agency', options)
      expect(res.status).toBe(403)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
    // the origin and key are fine, so the widget may read why: a secret key never belongs in a page
    const secretInPage = await h.request('GET', '/v1/agency', {
      token: agency.secretKey,
      headers: { origin: portal, 'x-followthrough-key': agency.publishableKey },
    })
    expect(secretInPage.status).toBe(403)
    expect(secretInPage.body.error.message).toMatch(/recruiter session/)
  })

  it("refuses another agency's session alongside this agency's key", async () => {
    const other = await createAgency(h, { allowedOrigins: [portal] })
    const otherSession = (await createSession(h, other)).token
    const res = await h.request('GET', '/v1/agency', {
      token: otherSession,
      headers: { origin: portal, 'x-followthrough-key': agency.publishableKey },
    })
    expect(res.status).toBe(403)
  })
})
