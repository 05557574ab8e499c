import { describe, expect, it } from 'vitest'
import { useHarness } from '../support/lifecycle'

const h = useHarness()

describe('GET /health', () => {
  it('answers ok with the database up, and a request id', async () => {
    const res = await h.request('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, db: 'up' })
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('echoes a sane caller request id and replaces a hostile one', async () => {
    const mine = await h.request('GET', '/health', { headers: { 'x-request-id': 'trace-abc-123' } })
    expect(mine.headers.get('x-request-id')).toBe('trace-abc-123')
    const hostile = await h.request('GET', '/health', {
      headers: { 'x-request-id': 'a b<script>' },
    })
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('unknown routes', () => {
  it('answer a JSON 404 in the error shape', async () => {
    const res = await h.request('GET', '/v1/nope')
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({
      code: 'not_found',
      requestId: res.headers.get('x-request-id'),
    })
  })
})
