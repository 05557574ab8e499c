import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../worker/app'
import { useHarness } from '../support/lifecycle'

const h = useHarness()

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await h.request('GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.1.0')
    const result = await new Validator().validate(res.body)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('documents every route the app serves under /v1, /c and /u, and nothing it does not serve', async () => {
    const api = /^\/(v1|c|u)\//
    const served = new Set(
      createApp()
        .routes.filter((r) => r.method !== 'ALL' && api.test(r.path))
        .map(
          (r) =>
            `${r.method.toLowerCase()} ${r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`,
        ),
    )
    const { body } = await h.request('GET', '/openapi.json')
    const documented = new Set(
      Object.entries(body.paths as Record<string, Record<string, unknown>>)
        .filter(([path]) => api.test(path))
        .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)),
    )
    expect([...documented].sort()).toEqual([...served].sort())
    expect(served.size).toBeGreaterThanOrEqual(13)
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

describe('candidate links in /openapi.json', () => {
  it('take the token in the path as the credential, not a bearer', async () => {
    const { body } = await h.request('GET', '/openapi.json')
    const links = Object.entries(body.paths as Record<string, Record<string, any>>).filter(
      ([path]) => path.includes('{token}'),
    )
    expect(links.map(([path, ops]) => `${path} ${Object.keys(ops)}`).sort()).toEqual([
      '/c/{token} get',
      '/c/{token}/drafts/{interviewerId} put',
      '/c/{token}/events post',
      '/c/{token}/notes/{interviewerId} post',
      '/u/{token} get,post',
    ])
    for (const op of links.flatMap(([, ops]) => Object.values(ops))) {
      expect(op.security).toEqual([])
      expect(op['x-credentials']).toEqual(['link'])
      expect(op.responses['401']).toBeUndefined()
      const token = op.parameters.find((p: { name: string }) => p.name === 'token')
      expect(token).toMatchObject({ in: 'path', required: true })
      expect(token.description).toMatch(/whole credential/)
    }
  })

  it('say which answer HTML and which body is a form', async () => {
    const { body } = await h.request('GET', '/openapi.json')
    const page = body.paths['/c/{token}'].get.responses
    expect(Object.keys(page['200'].content)).toEqual(['text/html'])
    expect(Object.keys(page['404'].content)).toEqual(['text/html'])
    const note = body.paths['/c/{token}/notes/{interviewerId}'].post
    const form = note.requestBody.content['application/x-www-form-urlencoded'].schema
    expect(form.properties.action.enum).toEqual(['save', 'sent', 'unsent'])
    expect(Object.keys(note.responses['404'].content).sort()).toEqual([
      'application/json',
      'text/html',
    ])
    const events = body.paths['/c/{token}/events'].post
    expect(events.requestBody.content['application/json'].schema.properties.type.enum).toContain(
      'sent',
    )
    expect(Object.keys(events.responses['404'].content)).toEqual(['application/json'])
    expect(Object.keys(body.paths['/u/{token}'].post.responses['200'].content)).toEqual([
      'text/html',
    ])
  })
})
