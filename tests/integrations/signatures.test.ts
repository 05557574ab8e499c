import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createAgency } from '../support/factories'
import {
  agencyRowsDigest,
  createWebhookIntegration,
  deliver,
  eventInterview,
  inboundEvent,
  signatureOf,
} from '../support/integrations'
import { useHarness } from '../support/lifecycle'

// Only the holder of an integration's signing secret can make it act, only recently, and only
// once per event: every refused delivery leaves every row as it was.

const minute = 60_000
const h = useHarness()

async function world() {
  const agency = await createAgency(h)
  return { agency, integration: await createWebhookIntegration(h, agency) }
}

describe('Followthrough-Signature', () => {
  it('refuses a forged, stale, future, missing or malformed signature (401); nothing changes', async () => {
    const { agency, integration } = await world()
    const event = inboundEvent('interview.scheduled', eventInterview('sig-1'))
    const body = JSON.stringify(event)
    const now = Date.now()
    const before = await agencyRowsDigest(h, agency.id)
    const refused: Record<string, string | null> = {
      forged: signatureOf('ftwhsec_not-the-secret', body),
      'six minutes old': signatureOf(integration.signingSecret, body, now - 6 * minute),
      'six minutes ahead': signatureOf(integration.signingSecret, body, now + 6 * minute),
      missing: null,
      'no timestamp': signatureOf(integration.signingSecret, body).replace(/^t=\d+,/, ''),
      'two timestamps': `t=1,${signatureOf(integration.signingSecret, body)}`,
      'another body': signatureOf(integration.signingSecret, body + ' '),
      garbage: 'v1=zz',
      // the secret key is not the signing secret
      'signed with the secret key': signatureOf(agency.secretKey, body),
    }
    for (const [what, signature] of Object.entries(refused)) {
      const res = await deliver(h, integration, event, { signature })
      expect(res.status, what).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
      expect(res.body.error.requestId).toBeTruthy()
    }
    const bearer = await h.request('POST', `/integrations/${integration.id}/events`, {
      token: agency.secretKey,
      json: event,
    })
    expect(bearer.status).toBe(401)
    expect(await agencyRowsDigest(h, agency.id)).toBe(before)
  })

  it('accepts any one matching v1 among several, within five minutes either way', async () => {
    const { integration } = await world()
    const event = inboundEvent('interview.scheduled', eventInterview('sig-2'))
    const body = JSON.stringify(event)
    const t = Math.floor((Date.now() - 4 * minute) / 1000)
    const hex = (secret: string) =>
      createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    const signature = `t=${t},v1=${hex('ftwhsec_old-secret')},v1=${hex(integration.signingSecret)}`
    const res = await deliver(h, integration, event, { signature })
    expect(res.status, res.text).toBe(200)
    expect(res.body.result).toBe('created')
  })

  it('answers a replayed event id as a duplicate and changes nothing', async () => {
    const { agency, integration } = await world()
    const event = inboundEvent('interview.scheduled', eventInterview('sig-3'))
    expect((await deliver(h, integration, event)).body.result).toBe('created')
    // let the coaching email settle, so only the replays could change rows
    await new Promise((resolve) => setTimeout(resolve, 300))
    const before = await agencyRowsDigest(h, agency.id)
    const changed = { ...event, interview: eventInterview('sig-3', { roleTitle: 'Replaced' }) }
    for (const replay of [event, event, changed]) {
      const res = await deliver(h, integration, replay)
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ result: 'duplicate' })
    }
    expect(await agencyRowsDigest(h, agency.id)).toBe(before)
  })

  it("refuses agency A's signature on agency B's integration; nothing of B's changes", async () => {
    const a = await world()
    const b = await world()
    const event = inboundEvent('interview.scheduled', eventInterview('sig-4'))
    const before = await agencyRowsDigest(h, b.agency.id)
    const res = await deliver(h, b.integration, event, { secret: a.integration.signingSecret })
    expect(res.status).toBe(401)
    expect(await agencyRowsDigest(h, b.agency.id)).toBe(before)
  })

  it('answers an unknown integration 404', async () => {
    const { integration } = await world()
    const event = inboundEvent('interview.scheduled', eventInterview('sig-5'))
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await deliver(h, { ...integration, id }, event)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
  })
})
