import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN } from '../support/harness'
import { useAgency, useHarness } from '../support/lifecycle'

const h = useHarness()
const agency = useAgency(h)

async function rowCounts() {
  const counts = await Promise.all(
    (
      [
        'agencies',
        'api_keys',
        'recruiters',
        'idempotency_keys',
        'interviews',
        'candidates',
        'emails',
      ] as const
    ).map((table) =>
      h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  )
  return counts.map((c) => Number(c.n))
}

const writes = [
  { method: 'POST', path: '/v1/agencies', token: () => ADMIN_TOKEN },
  { method: 'PATCH', path: '/v1/agency', token: () => agency.secretKey },
  { method: 'POST', path: '/v1/keys', token: () => agency.secretKey },
  { method: 'POST', path: '/v1/sessions', token: () => agency.secretKey },
  { method: 'POST', path: '/v1/recruiters/sign-out', token: () => agency.secretKey },
  { method: 'POST', path: '/v1/interviews', token: () => agency.secretKey },
  { method: 'POST', path: '/v1/candidates/erase', token: () => agency.secretKey },
]

describe.each(writes)('bad input to $method $path', ({ method, path, token }) => {
  it('answers malformed JSON with a 400, not a 500', async () => {
    for (const rawBody of ['{', '{"name": }', 'null', '[]', '"text"', '\u0000']) {
      const before = await rowCounts()
      const res = await h.request(method, path, {
        token: token(),
        rawBody,
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status, rawBody).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'))
      expect(await rowCounts()).toEqual(before)
    }
  })

  it('answers a body that is not JSON with a 415', async () => {
    const res = await h.request(method, path, {
      token: token(),
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(415)
    expect(res.body.error.code).toBe('unsupported_media_type')
  })

  it('answers an oversized body with a 413', async () => {
    const before = await rowCounts()
    const res = await h.request(method, path, {
      token: token(),
      json: { name: 'x'.repeat(200_000) },
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
    expect(await rowCounts()).toEqual(before)
  })

  it('names each wrong type and unknown field', async () => {
    const res = await h.request(method, path, {
      token: token(),
      json: { name: 42, kind: ['secret'], recruiter: 'me', sneaky: true },
    })
    expect(res.status).toBe(400)
    const paths = res.body.error.details.map((d: { path: string }) => d.path)
    expect(paths).toContain('sneaky')
    for (const detail of res.body.error.details) {
      expect(detail.message).toEqual(expect.any(String))
    }
  })
})

describe('unicode edge cases', () => {
  it('rejects NUL, control characters and broken UTF-16 with field details', async () => {
    for (const name of ['Acme\u0000Corp', 'Acme\u0007', 'Acme\ud800', '\u200b\u0001']) {
      const res = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { name },
      })
      expect(res.status, JSON.stringify(name)).toBe(400)
      expect(res.body.error.details[0].path).toBe('name')
    }
  })

  it('keeps real-world names intact: accents, scripts, emoji, normalised to NFC', async () => {
    for (const name of [
      'Zoë Agency',
      '株式会社リクルート',
      'مكتب التوظيف',
      'Rocket 🚀 Staff',
      'Cafe\u0301 Talent',
    ]) {
      const res = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { name },
      })
      expect(res.status, name).toBe(200)
      expect(res.body.name).toBe(name.normalize('NFC'))
    }
  })

  it('rejects a whitespace-only name and one over the length limit', async () => {
    for (const name of ['   ', 'x'.repeat(121)]) {
      const res = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { name },
      })
      expect(res.status).toBe(400)
    }
  })
})

describe('hostile headers', () => {
  it('refuses an oversized or malformed Idempotency-Key', async () => {
    for (const key of ['x'.repeat(300), 'has space']) {
      const res = await h.request('POST', '/v1/keys', {
        token: agency.secretKey,
        headers: { 'idempotency-key': key },
        json: { kind: 'publishable' },
      })
      expect(res.status).toBe(400)
      expect(res.body.error.details[0].path).toBe('Idempotency-Key')
    }
  })

  it('treats an absurdly long bearer token as no credential', async () => {
    const res = await h.request('GET', '/v1/agency', { token: 'ft_sk_' + 'a'.repeat(5000) })
    expect(res.status).toBe(401)
  })
})
