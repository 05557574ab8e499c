import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { arrangeCredentials, describeAuthSuite, type Credentials } from '../support/auth-suite'
import { createAgency, createSession } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'

let h: Harness
let creds: Credentials
beforeAll(async () => {
  h = await startHarness()
  creds = await arrangeCredentials(h)
})
afterAll(() => h?.close())

describeAuthSuite(
  () => h,
  () => creds,
)

describe('tenancy', () => {
  it("agency A's secret key sees agency B's key as missing", async () => {
    const a = await createAgency(h)
    const b = await createAgency(h)
    const bKey = await h.request('POST', '/v1/keys', {
      token: b.secretKey,
      json: { kind: 'publishable' },
    })
    const viaA = await h.request('DELETE', `/v1/keys/${bKey.body.id}`, { token: a.secretKey })
    expect(viaA.status).toBe(404)
    expect(viaA.body.error.code).toBe('not_found')
    const stillActive = await h.db
      .selectFrom('api_keys')
      .select('revoked_at')
      .where('id', '=', bKey.body.id)
      .executeTakeFirstOrThrow()
    expect(stillActive.revoked_at).toBeNull()
    const list = await h.request('GET', '/v1/keys?limit=100', { token: a.secretKey })
    expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(bKey.body.id)
  })

  it('a session reads its own agency, never another', async () => {
    const a = await createAgency(h, { name: 'Northwind Staffing' })
    await createAgency(h, { name: 'Other Agency' })
    const { token } = await createSession(h, a)
    const res = await h.request('GET', '/v1/agency', { token })
    expect(res.status).toBe(200)
    expect(res.body.name).toBe('Northwind Staffing')
  })

  it('a recruiter session may not change agency settings', async () => {
    const { token } = await createSession(h, creds.agency, { role: 'manager' })
    const res = await h.request('PATCH', '/v1/agency', { token, json: { name: 'Taken over' } })
    expect(res.status).toBe(403)
  })

  it('the admin token acts for no agency', async () => {
    const res = await h.request('GET', '/v1/keys', { token: 'test-admin-token-0123456789' })
    expect(res.status).toBe(403)
  })
})
