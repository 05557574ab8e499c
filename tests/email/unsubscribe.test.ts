import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emailHash } from '../../worker/services/suppressions'
import {
  countRows,
  createCoachedInterview,
  emailState,
  eraseCandidate,
  suppressionsOf,
} from '../support/coaching-fixtures'
import { createAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

const oneClick = {
  rawBody: 'List-Unsubscribe=One-Click',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
}

function expectPageHeaders(headers: Headers) {
  expect(headers.get('content-type')).toMatch(/^text\/html/)
  expect(headers.get('cache-control')).toBe('no-store')
  expect(headers.get('referrer-policy')).toBe('no-referrer')
  expect(headers.get('x-robots-tag')).toBe('noindex')
  expect(headers.get('content-security-policy')).toBe(
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  )
}

async function candidateOf(candidateId: string) {
  return h.db
    .selectFrom('candidates')
    .select('unsubscribed_at')
    .where('id', '=', candidateId)
    .executeTakeFirstOrThrow()
}

async function unsubscribedEvents(interviewId: string) {
  return h.db
    .selectFrom('events')
    .select(['type', 'agency_id'])
    .where('interview_id', '=', interviewId)
    .where('type', '=', 'unsubscribed')
    .execute()
}

describe('GET /u/:token', () => {
  it("asks to confirm, in the agency's name, with a form that posts back and no script", async () => {
    const agency = await createAgency(h, { name: 'Northwind Staffing' })
    const coached = await createCoachedInterview(h, agency)
    const before = await countRows(h)
    const res = await h.request('GET', `/u/${coached.token}`)
    expect(res.status).toBe(200)
    expectPageHeaders(res.headers)
    expect(res.text).toMatch(/^<!doctype html>/i)
    expect(res.text).toContain('Northwind Staffing')
    expect(res.text).toMatch(/<form method="post">/)
    expect(res.text).toContain('name="List-Unsubscribe" value="One-Click"')
    expect(res.text).not.toMatch(/<script/i)
    // opening the link (as mail scanners do) changes nothing
    expect(await countRows(h)).toEqual(before)
    expect((await candidateOf(coached.candidateId)).unsubscribed_at).toBeNull()
  })
})

describe('POST /u/:token', () => {
  it('unsubscribes in one click: marks the candidate, suppresses, cancels queued mail, records it', async () => {
    const agency = await createAgency(h, { name: 'Harbor Talent' })
    const coached = await createCoachedInterview(h, agency)
    const res = await h.request('POST', `/u/${coached.token}`, oneClick)
    expect(res.status).toBe(200)
    expectPageHeaders(res.headers)
    expect(res.text).toContain("You're unsubscribed")
    expect(res.text).toContain('Harbor Talent')

    expect((await candidateOf(coached.candidateId)).unsubscribed_at).toBeInstanceOf(Date)
    const suppressions = await suppressionsOf(h, agency.id)
    expect(suppressions).toEqual([
      { email_hash: await emailHash(coached.candidateEmail), reason: 'unsubscribed' },
    ])
    expect(await emailState(h, coached.queuedEmailId)).toBe('canceled')
    expect(await emailState(h, coached.emailId)).toBe('sent')
    expect(await unsubscribedEvents(coached.interviewId)).toEqual([
      { type: 'unsubscribed', agency_id: agency.id },
    ])
  })

  it('works from the confirm form too, and a second post changes nothing more', async () => {
    const agency = await createAgency(h)
    const coached = await createCoachedInterview(h, agency)
    const first = await h.request('POST', `/u/${coached.token}`, oneClick)
    expect(first.status).toBe(200)
    const { unsubscribed_at } = await candidateOf(coached.candidateId)
    const before = await countRows(h)

    const again = await h.request('POST', `/u/${coached.token}`, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    })
    expect(again.status).toBe(200)
    expect(again.text).toContain("You're unsubscribed")
    const bare = await h.request('POST', `/u/${coached.token}`)
    expect(bare.status).toBe(200)

    expect(await countRows(h)).toEqual(before)
    expect((await candidateOf(coached.candidateId)).unsubscribed_at).toEqual(unsubscribed_at)
    expect(await unsubscribedEvents(coached.interviewId)).toHaveLength(1)

    const page = await h.request('GET', `/u/${coached.token}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain("You're unsubscribed")
    expect(page.text).not.toMatch(/<form/)
  })

  it('does not touch other candidates of the agency', async () => {
    const agency = await createAgency(h)
    const leaving = await createCoachedInterview(h, agency)
    const staying = await createCoachedInterview(h, agency)
    await h.request('POST', `/u/${leaving.token}`, oneClick)
    expect(await emailState(h, staying.queuedEmailId)).toBe('queued')
    expect((await candidateOf(staying.candidateId)).unsubscribed_at).toBeNull()
  })
})

describe('links that do not work', () => {
  it('answer a 404 page that reveals nothing, and change nothing', async () => {
    const agency = await createAgency(h, { name: 'Secretive Staffing' })
    const expired = await createCoachedInterview(h, agency, {
      endsAt: new Date(Date.now() - 31 * 24 * 3_600_000),
    })
    const erased = await createCoachedInterview(h, agency)
    await eraseCandidate(h, erased.candidateId)
    const tokens: Record<string, string> = {
      unknown: 'A'.repeat(32),
      malformed: `${expired.token.slice(0, 20)}'--`,
      'too long': `${expired.token}x`,
      expired: expired.token,
      erased: erased.token,
    }
    const before = await countRows(h)
    for (const [name, token] of Object.entries(tokens)) {
      for (const method of ['GET', 'POST']) {
        const path = `/u/${encodeURIComponent(token)}`
        const res = await h.request(method, path, method === 'POST' ? oneClick : {})
        expect(res.status, `${method} ${name}`).toBe(404)
        expectPageHeaders(res.headers)
        expect(res.text).toContain("This link doesn't work")
        expect(res.text).not.toContain('Secretive Staffing')
        expect(res.text).not.toMatch(/<form/)
      }
    }
    expect(await countRows(h)).toEqual(before)
    expect(await emailState(h, expired.queuedEmailId)).toBe('queued')
    expect((await candidateOf(expired.candidateId)).unsubscribed_at).toBeNull()
  })
})
