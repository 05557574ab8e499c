import { describe, expect, it } from 'vitest'
import { createAgency, createSession } from '../support/factories'
import {
  createWebhookIntegration,
  deliver,
  eventInterview,
  inboundEvent,
} from '../support/integrations'
import { useAgency, useHarness } from '../support/lifecycle'

// Integrations are managed with the secret key: one per provider, the webhook's signing secret
// shown once, listed with what their events did, and removed.

const h = useHarness()
const agency = useAgency(h)

describe('POST /v1/integrations', () => {
  it('creates a webhook integration and shows its signing secret once', async () => {
    const own = await createAgency(h)
    const headers = { 'idempotency-key': 'connect-ats-1' }
    const json = { provider: 'webhook', settings: { label: 'Our ATS' } }
    const res = await h.request('POST', '/v1/integrations', { token: own.secretKey, json, headers })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({
      provider: 'webhook',
      status: 'active',
      settings: { label: 'Our ATS' },
      hasCredentials: false,
      lastEventAt: null,
      lastError: null,
      counts: {
        created: 0,
        updated: 0,
        canceled: 0,
        ignored: 0,
        writeBacks: { written: 0, pending: 0, failed: 0 },
      },
    })
    expect(res.body.signingSecret).toMatch(/^ftwhsec_[A-Za-z0-9_-]{43}$/)

    const replay = await h.request('POST', '/v1/integrations', {
      token: own.secretKey,
      json,
      headers,
    })
    expect(replay.status).toBe(201)
    expect(replay.body).toEqual({ ...res.body, signingSecret: null })
    expect(replay.text).not.toContain(res.body.signingSecret)
  })

  it('refuses a second integration of the same provider (409)', async () => {
    const own = await createAgency(h)
    await createWebhookIntegration(h, own)
    const again = await h.request('POST', '/v1/integrations', {
      token: own.secretKey,
      json: { provider: 'webhook' },
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('conflict')
    expect(again.text).not.toContain('ftwhsec_')
  })

  it('refuses bad bodies (400) and never echoes credentials', async () => {
    for (const json of [
      {},
      { provider: 'bamboo' },
      { provider: 'webhook', credentials: { apiKey: 42 } },
      { provider: 'webhook', settings: 'x' },
      { provider: 'webhook', extra: true },
    ]) {
      const res = await h.request('POST', '/v1/integrations', { token: agency.secretKey, json })
      expect(res.status, JSON.stringify(json)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
    const own = await createAgency(h)
    const res = await h.request('POST', '/v1/integrations', {
      token: own.secretKey,
      json: { provider: 'webhook', credentials: { apiKey: 'ats-api-key-do-not-show' } },
    })
    expect(res.status).toBe(201)
    expect(res.body.hasCredentials).toBe(true)
    expect(res.text).not.toContain('ats-api-key-do-not-show')
    const listed = await h.request('GET', '/v1/integrations', { token: own.secretKey })
    expect(listed.text).not.toContain('ats-api-key-do-not-show')
  })
})

describe('GET /v1/integrations', () => {
  it('lists with counts and the last error, for the secret key and managers only', async () => {
    const own = await createAgency(h)
    const integration = await createWebhookIntegration(h, own)
    const created = await deliver(
      h,
      integration,
      inboundEvent('interview.scheduled', eventInterview('req-1')),
    )
    expect(created.body.result).toBe('created')
    const noEmail = eventInterview('req-2', { candidate: { name: 'No Address' } })
    const ignored = await deliver(h, integration, inboundEvent('interview.scheduled', noEmail))
    expect(ignored.body).toEqual({ result: 'ignored', reason: 'candidate.email: Required.' })

    const manager = await createSession(h, own, { role: 'manager' })
    for (const token of [own.secretKey, manager.token]) {
      const res = await h.request('GET', '/v1/integrations', { token })
      expect(res.status, res.text).toBe(200)
      expect(res.body.data).toHaveLength(1)
      expect(res.body.data[0]).toMatchObject({
        id: integration.id,
        counts: {
          created: 1,
          updated: 0,
          canceled: 0,
          ignored: 1,
          writeBacks: { written: 0, pending: 0, failed: 0 },
        },
        lastError: 'candidate.email: Required.',
      })
      expect(res.body.data[0].lastEventAt).toBeTruthy()
      expect(res.body.data[0].lastErrorAt).toBeTruthy()
      expect(res.text).not.toContain(integration.signingSecret)
    }
    const recruiter = await createSession(h, own, { role: 'recruiter' })
    const refused = await h.request('GET', '/v1/integrations', { token: recruiter.token })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
  })
})

describe('DELETE /v1/integrations/:id', () => {
  it("removes it; its events then answer 404, and another agency's id is a 404", async () => {
    const own = await createAgency(h)
    const other = await createAgency(h)
    const integration = await createWebhookIntegration(h, own)
    const foreign = await h.request('DELETE', `/v1/integrations/${integration.id}`, {
      token: other.secretKey,
    })
    expect(foreign.status).toBe(404)
    const event = inboundEvent('interview.scheduled', eventInterview('req-9'))
    const removed = await h.request('DELETE', `/v1/integrations/${integration.id}`, {
      token: own.secretKey,
    })
    expect(removed.status).toBe(200)
    expect(removed.body.id).toBe(integration.id)
    const late = await deliver(h, integration, event)
    expect(late.status).toBe(404)
    expect(late.body.error.code).toBe('not_found')
    const list = await h.request('GET', '/v1/integrations', { token: own.secretKey })
    expect(list.body.data).toEqual([])
    const again = await h.request('DELETE', `/v1/integrations/${integration.id}`, {
      token: own.secretKey,
    })
    expect(again.status).toBe(404)
  })
})
