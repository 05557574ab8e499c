import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { RateLimiterName } from '../../worker/env'
import {
  coachingLinkOf,
  createAgency,
  createSession,
  logInterview,
  type TestAgency,
} from '../support/factories'
import { type ApiResponse } from '../support/harness'
import { useAgency, useHarness } from '../support/lifecycle'

const limits: Record<RateLimiterName, number> = {
  API_LIMITER: 10,
  LINK_LIMITER: 10,
  FAILED_AUTH_LIMITER: 30,
  PUBLIC_LIMITER: 5,
}
const limit = limits.API_LIMITER
const h = useHarness({}, { rateLimit: limits })
const a = useAgency(h)
const b = useAgency(h)

/**
 * The limiters count per wall-clock minute. A test that fills a bucket and then expects a 429
 * waits out the last seconds of a minute rather than see the count start again midway.
 */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 200))
}

/** A client of its own (Cloudflare's CF-Connecting-IP), so tests do not share its buckets. */
let clients = 0
const newClient = () => `198.51.100.${++clients}`
const from = (client: string) => ({ 'cf-connecting-ip': client })

const randomToken = () => randomBytes(24).toString('base64url')

function expectRateLimited(res: ApiResponse) {
  expect(res.status).toBe(429)
  expect(res.body.error.code).toBe('rate_limited')
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
}

/** Statuses of `count` requests from `client`, each with a new wrong key, session or admin token. */
async function guess(client: string, count: number) {
  const statuses: number[] = []
  for (let i = 0; i < count; i++) {
    const token = [
      () => `ft_sk_${randomToken()}`,
      () => `ft_ses_${randomToken()}.${randomToken()}`,
      () => `admin-${randomToken()}`,
    ][i % 3]!()
    const res = await h.request('GET', '/v1/agency', { token, headers: from(client) })
    statuses.push(res.status)
  }
  return statuses
}

/** The first 429 comes after some 401s, before the last request, and every one after is a 429. */
function expectRefusedPartWay(statuses: number[], failure: number) {
  const first = statuses.indexOf(429)
  expect(first, statuses.join(' ')).toBeGreaterThan(0)
  expect(first).toBeLessThan(statuses.length - 1)
  expect(statuses.slice(0, first).every((s) => s === failure)).toBe(true)
  expect(statuses.slice(first).every((s) => s === 429)).toBe(true)
}

async function linkTokenOf(agency: TestAgency) {
  return coachingLinkOf(h, (await logInterview(h, agency.secretKey)).id)
}

describe('rate limits', () => {
  it('answer 429 with Retry-After once a credential passes its limit, and only for it', async () => {
    await awayFromMinuteEdge()
    const statuses: number[] = []
    for (let i = 0; i < limit + 2; i++) {
      statuses.push((await h.request('GET', '/v1/agency', { token: a.secretKey })).status)
    }
    expect(statuses.slice(0, limit - 1).every((s) => s === 200)).toBe(true)
    expectRateLimited(await h.request('GET', '/v1/agency', { token: a.secretKey }))
    // another agency's key is counted on its own
    expect((await h.request('GET', '/v1/agency', { token: b.secretKey })).status).toBe(200)
  })

  it('count each candidate link on its own', async () => {
    await awayFromMinuteEdge()
    const token = await linkTokenOf(await createAgency(h))
    const statuses: number[] = []
    for (let i = 0; i < limits.LINK_LIMITER + 2; i++)
      statuses.push((await h.request('GET', `/c/${token}`)).status)
    expect(statuses[0]).toBe(200)
    expect(statuses.at(-1)).toBe(429)
    const otherLink = await h.request('GET', `/c/${'x'.repeat(32)}`)
    expect(otherLink.status).toBe(404)
  })
})

describe('rate limits cannot be walked around', () => {
  it('refuse a client sending wrong keys, sessions and admin tokens before its 150th try, and keep refusing it', async () => {
    const statuses = await guess(newClient(), 150)
    expectRefusedPartWay(statuses, 401)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(
      2 * limits.FAILED_AUTH_LIMITER,
    )
  })

  it('refuse a client guessing candidate links on /c and /u the same way', async () => {
    const client = newClient()
    const statuses: number[] = []
    for (let i = 0; i < 150; i++) {
      const path = i % 2 ? `/u/${randomToken()}` : `/c/${randomToken()}/events`
      const res = await h.request(i % 2 ? 'GET' : 'POST', path, {
        json: i % 2 ? undefined : { type: 'copied' },
        headers: from(client),
      })
      statuses.push(res.status)
    }
    expectRefusedPartWay(statuses, 404)
  })

  it("do not block a right credential from another client because of someone else's guessing", async () => {
    const agency = await createAgency(h)
    const token = await linkTokenOf(agency)
    const guesser = newClient()
    const other = newClient()
    expectRefusedPartWay(await guess(guesser, 100), 401)
    // the guesser is refused whatever it sends, so a lucky guess tells it nothing
    expectRateLimited(
      await h.request('GET', '/v1/agency', { token: agency.secretKey, headers: from(guesser) }),
    )
    expectRateLimited(await h.request('GET', `/c/${token}`, { headers: from(guesser) }))
    const right = await h.request('GET', '/v1/agency', {
      token: agency.secretKey,
      headers: from(other),
    })
    expect(right.status).toBe(200)
    expect((await h.request('GET', `/c/${token}`, { headers: from(other) })).status).toBe(200)
  })

  it('count an IPv6 client by its /64, as one subscriber holds a whole /64', async () => {
    expectRefusedPartWay(await guess('2001:db8:7:1::1', 80), 401)
    const sameNetwork = await guess('2001:0db8:0007:0001:ffff:0:0:2', 1)
    expect(sameNetwork).toEqual([429])
    expect(await guess('2001:db8:7:2::1', 1)).toEqual([401])
  })

  it("count every spelling of one key's Authorization header in one bucket", async () => {
    await awayFromMinuteEdge()
    const agency = await createAgency(h)
    for (let i = 0; i < limit; i++) {
      const res = await h.request('GET', '/v1/agency', { token: agency.secretKey })
      expect(res.status).toBe(200)
    }
    for (const authorization of [
      `bearer ${agency.secretKey}`,
      `Bearer  ${agency.secretKey}`,
      `BEARER\t${agency.secretKey}`,
    ]) {
      const res = await h.request('GET', '/v1/agency', { headers: { authorization } })
      expectRateLimited(res)
    }
  })

  it("count all of one recruiter's sessions in one bucket", async () => {
    await awayFromMinuteEdge()
    const agency = await createAgency(h)
    const first = await createSession(h, agency, { externalId: 'busy' })
    const second = await createSession(h, agency, { externalId: 'busy' }, { ttlSeconds: 1800 })
    expect(second.token).not.toBe(first.token)
    for (let i = 0; i < limit; i++) {
      expect((await h.request('GET', '/v1/agency', { token: first.token })).status).toBe(200)
    }
    expectRateLimited(await h.request('GET', '/v1/agency', { token: second.token }))
  })

  it('refuse every spelling of a session signature but the one that was signed (401)', async () => {
    const { token } = await createSession(h, b)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(token.at(-1)!)
    // a 32-byte HMAC is 43 characters: the last one carries 2 bits the decoder ignores
    const spellings = [0, 1, 2, 3]
      .map((low) => alphabet[(last & ~3) | low]!)
      .filter((ch) => ch !== token.at(-1))
      .map((ch) => token.slice(0, -1) + ch)
    expect(spellings).toHaveLength(3)
    const client = newClient()
    for (const spelling of spellings) {
      const res = await h.request('GET', '/v1/agency', { token: spelling, headers: from(client) })
      expect(res.status, spelling).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
    }
    const signed = await h.request('GET', '/v1/agency', { token, headers: from(client) })
    expect(signed.status).toBe(200)
  })

  it('limit /health, /openapi.json and the webhooks per client', async () => {
    await awayFromMinuteEdge()
    const client = newClient()
    for (let i = 0; i < limits.PUBLIC_LIMITER; i++) {
      expect((await h.request('GET', '/health', { headers: from(client) })).status).toBe(200)
    }
    expectRateLimited(await h.request('GET', '/health', { headers: from(client) }))
    expectRateLimited(await h.request('GET', '/openapi.json', { headers: from(client) }))
    expectRateLimited(
      await h.request('POST', '/webhooks/resend', { json: {}, headers: from(client) }),
    )
    expect((await h.request('GET', '/health', { headers: from(newClient()) })).status).toBe(200)
  })
})
