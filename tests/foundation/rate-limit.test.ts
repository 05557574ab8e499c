import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coachingLinkOf, createAgency, logInterview, type TestAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'

const limit = 8
let h: Harness
let a: TestAgency
let b: TestAgency
beforeAll(async () => {
  h = await startHarness({}, { rateLimit: limit })
  a = await createAgency(h)
  b = await createAgency(h)
})
afterAll(() => h?.close())

describe('rate limits', () => {
  it('answer 429 with Retry-After once a credential passes its limit, and only for it', async () => {
    const statuses: number[] = []
    for (let i = 0; i < limit + 2; i++) {
      statuses.push((await h.request('GET', '/v1/agency', { token: a.secretKey })).status)
    }
    expect(statuses.slice(0, limit - 1).every((s) => s === 200)).toBe(true)
    const limited = await h.request('GET', '/v1/agency', { token: a.secretKey })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // another agency's key is counted on its own
    expect((await h.request('GET', '/v1/agency', { token: b.secretKey })).status).toBe(200)
  })

  it('count each candidate link on its own', async () => {
    const fresh = await createAgency(h)
    const interview = await logInterview(h, fresh.secretKey)
    const token = await coachingLinkOf(h, interview.id)
    const statuses: number[] = []
    for (let i = 0; i < limit + 2; i++)
      statuses.push((await h.request('GET', `/c/${token}`)).status)
    expect(statuses[0]).toBe(200)
    expect(statuses.at(-1)).toBe(429)
    const otherLink = await h.request('GET', `/c/${'x'.repeat(32)}`)
    expect(otherLink.status).toBe(404)
    expect((await h.request('GET', '/health')).status).toBe(200)
  })
})
