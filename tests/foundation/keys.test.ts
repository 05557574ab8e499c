import { describe, expect, it } from 'vitest'
import { createAgency } from '../support/factories'
import { useHarness } from '../support/lifecycle'

const h = useHarness()

describe('keys', () => {
  it('rotates a secret key: the new one works, the revoked one gets 401', async () => {
    const agency = await createAgency(h)
    const created = await h.request('POST', '/v1/keys', {
      token: agency.secretKey,
      json: { kind: 'secret', name: 'ATS integration' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ kind: 'secret', name: 'ATS integration', revokedAt: null })
    const newKey: string = created.body.key
    expect(created.body.prefix).toBe(newKey.slice(0, 10))

    const oldId = (await h.request('GET', '/v1/keys', { token: newKey })).body.data.find(
      (k: { name: string }) => k.name === 'Default secret key',
    ).id
    const revoked = await h.request('DELETE', `/v1/keys/${oldId}`, { token: newKey })
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).not.toBeNull()

    expect((await h.request('GET', '/v1/agency', { token: agency.secretKey })).status).toBe(401)
    expect((await h.request('GET', '/v1/agency', { token: newKey })).status).toBe(200)
  })

  it('will not revoke the last active secret key', async () => {
    const agency = await createAgency(h)
    const list = await h.request('GET', '/v1/keys', { token: agency.secretKey })
    const secret = list.body.data.find((k: { kind: string }) => k.kind === 'secret')
    const res = await h.request('DELETE', `/v1/keys/${secret.id}`, { token: agency.secretKey })
    expect(res.status).toBe(409)
    expect((await h.request('GET', '/v1/agency', { token: agency.secretKey })).status).toBe(200)
  })

  it('lists newest first with a cursor, never showing a secret', async () => {
    const agency = await createAgency(h)
    for (let i = 0; i < 3; i++) {
      await h.request('POST', '/v1/keys', {
        token: agency.secretKey,
        json: { kind: 'publishable', name: `pk ${i}` },
      })
    }
    const first = await h.request('GET', '/v1/keys?limit=2', { token: agency.secretKey })
    expect(first.status).toBe(200)
    expect(first.body.data.map((k: { name: string }) => k.name)).toEqual(['pk 2', 'pk 1'])
    expect(first.body.nextCursor).toEqual(expect.any(String))
    const rest = await h.request('GET', `/v1/keys?limit=2&cursor=${first.body.nextCursor}`, {
      token: agency.secretKey,
    })
    const second = await h.request('GET', `/v1/keys?limit=2&cursor=${rest.body.nextCursor}`, {
      token: agency.secretKey,
    })
    const names = [...first.body.data, ...rest.body.data, ...second.body.data].map(
      (k: { name: string }) => k.name,
    )
    expect(names).toHaveLength(5)
    expect(new Set(names).size).toBe(5)
    expect(second.body.nextCursor).toBeNull()
    expect(JSON.stringify([first.body, rest.body, second.body])).not.toMatch(
      /ft_(sk|pk)_[A-Za-z0-9_-]{20,}/,
    )
  })

  it('rejects bad list parameters, bad cursors and unknown or malformed ids cleanly', async () => {
    const agency = await createAgency(h)
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'cursor=%00%00',
      'cursor=bm90LWpzb24',
      'sort=name',
    ]) {
      const res = await h.request('GET', `/v1/keys?${query}`, { token: agency.secretKey })
      expect(res.status, query).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
    for (const id of [
      'not-a-uuid',
      '00000000-0000-4000-8000-000000000000',
      "1'; drop table api_keys;--",
    ]) {
      const res = await h.request('DELETE', `/v1/keys/${encodeURIComponent(id)}`, {
        token: agency.secretKey,
      })
      expect(res.status, id).toBe(404)
    }
    const kind = await h.request('POST', '/v1/keys', {
      token: agency.secretKey,
      json: { kind: 'admin' },
    })
    expect(kind.status).toBe(400)
    expect(kind.body.error.details).toEqual([{ path: 'kind', message: expect.any(String) }])
  })
})
