import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { configOf } from '../../worker/config'
import type { Env } from '../../worker/env'
import { keyringOf, parseSealingKeys, seal, unseal } from '../../worker/lib/sealing'
import { columnsContaining } from '../support/database'
import { createAgency } from '../support/factories'
import { productionBindings, startHarness, testBindings } from '../support/harness'
import {
  createWebhookIntegration,
  deliver,
  eventInterview,
  inboundEvent,
} from '../support/integrations'
import { useHarness } from '../support/lifecycle'

// An integration's credentials and signing secret are stored only sealed (AES-256-GCM), under
// keys that can rotate: a value sealed under a key that is now listed second still opens.

const keyText = (id: string) => `${id}:${randomBytes(32).toString('base64')}`
const oldKey = keyText('k2025')
const newKey = keyText('k2026')
const h = useHarness({ INTEGRATION_KEYS: `${newKey},${oldKey}` })

/** The keyring INTEGRATION_KEYS would give the worker. */
function ringOf(text: string) {
  const keys = parseSealingKeys(text)
  if (typeof keys === 'string') throw new Error(keys)
  return keyringOf(keys)
}

describe('sealed at rest', () => {
  it('no column holds the signing secret or the credentials in clear', async () => {
    const agency = await createAgency(h)
    const credential = 'ats-api-key-0123456789-abcdef'
    const res = await h.request('POST', '/v1/integrations', {
      token: agency.secretKey,
      json: { provider: 'webhook', credentials: { apiKey: credential } },
    })
    expect(res.status, res.text).toBe(201)
    const secret: string = res.body.signingSecret
    const event = inboundEvent('interview.scheduled', eventInterview('seal-1'))
    const delivered = await deliver(h, { id: res.body.id, signingSecret: secret }, event)
    expect(delivered.status, delivered.text).toBe(200)
    for (const needle of [secret, secret.slice('ftwhsec_'.length), credential]) {
      expect(await columnsContaining(h.db, needle)).toEqual([])
    }
    const row = await h.db
      .selectFrom('integrations')
      .select(['credentials_sealed', 'signing_secret_sealed'])
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow()
    // sealed under the first key, each with its own IV
    expect(row.signing_secret_sealed).toMatch(/^k2026\.[\w-]{16}\.[\w-]+$/)
    expect(row.credentials_sealed).toMatch(/^k2026\./)
  })

  it('opens a secret sealed under the old key, now listed second', async () => {
    const agency = await createAgency(h)
    const integration = await createWebhookIntegration(h, agency)
    const oldRing = await ringOf(oldKey)
    const context = `integration:${integration.id}:signing_secret`
    await h.db
      .updateTable('integrations')
      .set({ signing_secret_sealed: await seal(oldRing, context, integration.signingSecret) })
      .where('id', '=', integration.id)
      .execute()
    const res = await deliver(
      h,
      integration,
      inboundEvent('interview.canceled', { externalRef: { id: 'r-1' } }),
    )
    expect(res.status, res.text).toBe(200)
    // a value sealed for one integration does not open as another's
    const other = await createWebhookIntegration(h, await createAgency(h))
    const moved = await seal(oldRing, `integration:${other.id}:signing_secret`, 'x')
    expect(await unseal(oldRing, context, moved)).toBeNull()
  })

  it('rotation: the first key seals, every listed key opens, an unlisted one does not', async () => {
    const ring = ringOf
    const sealed = await seal(await ring(oldKey), 'ctx', 'plaintext')
    expect(sealed.startsWith('k2025.')).toBe(true)
    expect(await unseal(await ring(`${newKey},${oldKey}`), 'ctx', sealed)).toBe('plaintext')
    expect(await unseal(await ring(newKey), 'ctx', sealed)).toBeNull()
    expect((await seal(await ring(`${newKey},${oldKey}`), 'ctx', 'p')).startsWith('k2026.')).toBe(
      true,
    )
    expect(parseSealingKeys('k1:short')).toMatch(/32 random bytes/)
  })
})

describe('without INTEGRATION_KEYS', () => {
  const base = { ...testBindings, DATABASE_URL: 'postgres://db.example/app' }

  it('outside production, derives a development key from LINK_SECRET', () => {
    expect(configOf({ ...base } as Env).integrationKeys).toEqual([
      { id: 'dev', derivedFrom: testBindings.LINK_SECRET },
    ])
    expect(configOf({ ...base, ...productionBindings } as Env).integrationKeys).toBeNull()
  })

  it(
    'in production, the integration routes answer 503 and the rest of the product runs',
    { timeout: 120_000 },
    async () => {
      const prod = await startHarness(productionBindings)
      try {
        const agency = await createAgency(prod)
        const res = await prod.request('POST', '/v1/integrations', {
          token: agency.secretKey,
          json: { provider: 'webhook' },
        })
        expect(res.status).toBe(503)
        expect(res.body.error.message).toMatch(/INTEGRATION_KEYS/)
        const events = await prod.request(
          'POST',
          '/integrations/00000000-0000-4000-8000-000000000000/events',
          { json: {} },
        )
        expect(events.status).toBe(503)
        expect((await prod.request('GET', '/health')).status).toBe(200)
        const listed = await prod.request('GET', '/v1/integrations', { token: agency.secretKey })
        expect(listed.status).toBe(200)
      } finally {
        await prod.close()
      }
    },
  )
})
