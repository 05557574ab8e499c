import { describe, expect, it } from 'vitest'
import { createAgency, createSession } from '../support/factories'
import { useAgency, useHarness } from '../support/lifecycle'

const h = useHarness()
const agency = useAgency(h)

const signOut = (token: string, json: unknown) =>
  h.request('POST', '/v1/recruiters/sign-out', { token, json })

const statusWith = async (token: string, path = '/v1/agency') =>
  (await h.request('GET', path, { token })).status

describe('sessions do not outlive revocation', () => {
  it('end when the key that minted them is revoked, and only those', async () => {
    const extra = await h.request('POST', '/v1/keys', {
      token: agency.secretKey,
      json: { kind: 'secret', name: 'portal backend' },
    })
    expect(extra.status).toBe(201)
    const viaExtra = await createSession(h, { ...agency, secretKey: extra.body.key })
    const viaDefault = await createSession(h, agency)
    expect(await statusWith(viaExtra.token)).toBe(200)

    const revoked = await h.request('DELETE', `/v1/keys/${extra.body.id}`, {
      token: agency.secretKey,
    })
    expect(revoked.status).toBe(200)
    const after = await h.request('GET', '/v1/agency', { token: viaExtra.token })
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('unauthorized')
    expect(await statusWith(viaDefault.token)).toBe(200)
  })

  it("end when the recruiter's role changes: a demoted manager no longer reads everyone's figures", async () => {
    const byRecruiter = '/v1/stats?groupBy=recruiter'
    const manager = await createSession(h, agency, { externalId: 'dana', role: 'manager' })
    expect(await statusWith(manager.token, byRecruiter)).toBe(200)

    const demoted = await createSession(h, agency, { externalId: 'dana', role: 'recruiter' })
    expect(demoted.recruiterId).toBe(manager.recruiterId)
    expect(await statusWith(manager.token, byRecruiter)).toBe(401)
    expect(await statusWith(manager.token, '/v1/stats')).toBe(401)
    expect(await statusWith(demoted.token, byRecruiter)).toBe(403)
    const own = await h.request('GET', '/v1/stats', { token: demoted.token })
    expect(own.status).toBe(200)
    expect(own.body.mine).not.toBeNull()

    // the same role again changes nothing: sessions minted since stay good
    await createSession(h, agency, { externalId: 'dana', role: 'recruiter' })
    expect(await statusWith(demoted.token)).toBe(200)
  })

  it("sign-out ends every one of the recruiter's sessions at once, and a new one works after", async () => {
    const first = await createSession(h, agency, { externalId: 'sam' })
    const second = await createSession(h, agency, { externalId: 'sam' }, { ttlSeconds: 1800 })
    expect(second.token).not.toBe(first.token)
    const colleague = await createSession(h, agency, { externalId: 'kim' })

    const res = await signOut(agency.secretKey, { externalId: 'sam' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: first.recruiterId, externalId: 'sam' })
    expect(await statusWith(first.token)).toBe(401)
    expect(await statusWith(second.token)).toBe(401)
    expect(await statusWith(colleague.token)).toBe(200)

    const fresh = await createSession(h, agency, { externalId: 'sam' })
    expect(await statusWith(fresh.token)).toBe(200)
    expect(await statusWith(first.token)).toBe(401)
  })

  it('sign-out refuses bad input with details (400), never a 500', async () => {
    const recruiter = await createSession(h, agency, { externalId: 'lee' })
    for (const [json, path] of [
      [{}, 'externalId'],
      [{ externalId: '' }, 'externalId'],
      [{ externalId: '   ' }, 'externalId'],
      [{ externalId: 'x'.repeat(129) }, 'externalId'],
      [{ externalId: 42 }, 'externalId'],
      [{ externalId: 'lee', role: 'manager' }, 'role'],
    ] as const) {
      const res = await signOut(agency.secretKey, json)
      expect(res.status, JSON.stringify(json)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path)
    }
    for (const rawBody of ['{', 'null', '[]']) {
      const res = await h.request('POST', '/v1/recruiters/sign-out', {
        token: agency.secretKey,
        rawBody,
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status, rawBody).toBe(400)
    }
    expect(await statusWith(recruiter.token)).toBe(200)
  })

  it("sign-out answers 404 for an unknown recruiter and for another agency's, changing nothing", async () => {
    const other = await createAgency(h)
    const theirs = await createSession(h, other, { externalId: 'theirs' })
    for (const externalId of ['nobody', 'theirs']) {
      const res = await signOut(agency.secretKey, { externalId })
      expect(res.status, externalId).toBe(404)
      expect(res.body.error.code).toBe('not_found')
      expect(res.text).not.toContain(theirs.recruiterId)
    }
    expect(await statusWith(theirs.token)).toBe(200)
    // their own agency can sign them out
    expect((await signOut(other.secretKey, { externalId: 'theirs' })).status).toBe(200)
    expect(await statusWith(theirs.token)).toBe(401)
  })
})

describe('GET /v1/recruiters', () => {
  it("lists the agency's recruiters by name to the secret key and a manager, never another agency's", async () => {
    const own = await createAgency(h)
    const other = await createAgency(h)
    await createSession(h, own, { externalId: 'z-1', name: 'Zoe Ward' })
    const manager = await createSession(h, own, {
      externalId: 'a-1',
      name: 'Ana Diaz',
      role: 'manager',
    })
    const recruiter = await createSession(h, own, { externalId: 'm-1', name: 'Mo Chen' })
    await createSession(h, other, { externalId: 'x-1', name: 'Xavier Other' })

    for (const token of [own.secretKey, manager.token]) {
      const res = await h.request('GET', '/v1/recruiters', { token })
      expect(res.status, res.text).toBe(200)
      expect(res.body.data.map((r: { name: string }) => r.name)).toEqual([
        'Ana Diaz',
        'Mo Chen',
        'Zoe Ward',
      ])
      expect(res.body.data[0]).toEqual({
        id: manager.recruiterId,
        externalId: 'a-1',
        name: 'Ana Diaz',
        email: null,
        role: 'manager',
      })
    }
    // a recruiter session sees its own interviews, not the agency's people
    const refused = await h.request('GET', '/v1/recruiters', { token: recruiter.token })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
    expect((await h.request('GET', '/v1/recruiters')).status).toBe(401)
  })
})
