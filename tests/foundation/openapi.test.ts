import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../worker/app'
import { startHarness, type Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await h.request('GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    const result = await new Validator().validate(res.body)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('documents every route the app serves under /v1, and nothing it does not serve', async () => {
    const served = new Set(
      createApp()
        .routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1'))
        .map(
          (r) =>
            `${r.method.toLowerCase()} ${r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`,
        ),
    )
    const { body } = await h.request('GET', '/openapi.json')
    const documented = new Set(
      Object.entries(body.paths as Record<string, Record<string, unknown>>)
        .filter(([path]) => path.startsWith('/v1'))
        .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)),
    )
    expect([...documented].sort()).toEqual([...served].sort())
    expect(served.size).toBeGreaterThanOrEqual(7)
  })

  it('describes request bodies from the same schemas the routes validate with', async () => {
    const { body } = await h.request('GET', '/openapi.json')
    const schema = body.paths['/v1/keys'].post.requestBody.content['application/json'].schema
    expect(schema.properties.kind.enum).toEqual(['secret', 'publishable'])
    expect(schema.additionalProperties).toBe(false)
    expect(body.paths['/v1/keys/{id}'].delete.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
    })
  })
})
