import { createHmac, timingSafeEqual } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { leverPayloads, sendLeverWebhook, startFakeLever } from '../support/fake-lever'
import { useFakeAndReceiver } from '../support/lifecycle'
import { json, statusOf } from '../support/receiver'

const [lever, receiver] = useFakeAndReceiver(startFakeLever)

function api(path: string, init: RequestInit = {}) {
  const basic = Buffer.from(`${lever.apiKey}:`).toString('base64')
  return fetch(`${lever.apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Basic ${basic}`, ...(init.headers as Record<string, string>) },
  })
}

function postNote(opportunityId: string, query: string, body: unknown) {
  return api(`/opportunities/${opportunityId}/notes${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** the check a receiver makes, written here without the fake's helpers */
function signatureMatches(signatureToken: string, raw: string) {
  const body = JSON.parse(raw) as { token: string; triggeredAt: number; signature: string }
  const expected = createHmac('sha256', signatureToken)
    .update(body.token + String(body.triggeredAt))
    .digest()
  const given = Buffer.from(body.signature, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

describe('Lever auth', () => {
  it('takes the API key as the Basic user name, or a registered Bearer token', async () => {
    const opportunity = lever.addOpportunity()
    const none = await fetch(`${lever.apiUrl}/opportunities/${opportunity.id}`)
    expect(none.status).toBe(401)
    expect(await json(none)).toEqual({ code: expect.any(String), message: expect.any(String) })
    expect((await api(`/opportunities/${opportunity.id}`)).status).toBe(200)
    const bearer = (token: string) =>
      fetch(`${lever.apiUrl}/opportunities/${opportunity.id}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    expect((await bearer('oauth-access')).status).toBe(401)
    lever.allowBearer('oauth-access')
    expect((await bearer('oauth-access')).status).toBe(200)
  })
})

describe('Lever reads', () => {
  it('wraps an opportunity and an interview in { data }, times in ms and minutes', async () => {
    const opportunity = lever.addOpportunity({ name: 'Maya Lindqvist' })
    const interview = lever.addInterview(opportunity.id, { duration: 30 })
    const got = await json(await api(`/opportunities/${opportunity.id}`))
    expect(got.data).toMatchObject({ id: opportunity.id, name: 'Maya Lindqvist', archived: null })
    const res = await api(`/opportunities/${opportunity.id}/interviews/${interview.id}`)
    const { data } = await json(res)
    expect(data).toMatchObject({
      id: interview.id,
      opportunityId: opportunity.id,
      duration: 30,
      timezone: 'America/New_York',
      canceledAt: null,
    })
    expect(data.date).toBeGreaterThan(Date.now())
    expect(data.interviewers[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        name: 'Taylor Conlin',
        email: expect.any(String),
      }),
    )
    lever.updateInterview(interview.id, { canceledAt: Date.now() })
    const canceled = await json(
      await api(`/opportunities/${opportunity.id}/interviews/${interview.id}`),
    )
    expect(canceled.data.canceledAt).toEqual(expect.any(Number))
  })

  it('answers 404 with { code, message }, also for an interview of another opportunity', async () => {
    const one = lever.addOpportunity()
    const other = lever.addOpportunity()
    const interview = lever.addInterview(other.id)
    const res = await api(`/opportunities/${one.id}/interviews/${interview.id}`)
    expect(res.status).toBe(404)
    expect((await json(res)).code).toBe('NotFoundError')
  })

  it('pages lists with hasNext and the next offset', async () => {
    const opportunity = lever.addOpportunity()
    for (let i = 0; i < 3; i += 1) lever.addInterview(opportunity.id)
    const first = await json(await api(`/opportunities/${opportunity.id}/interviews?limit=2`))
    expect(first).toMatchObject({ hasNext: true, next: expect.any(String) })
    const second = await json(
      await api(`/opportunities/${opportunity.id}/interviews?limit=2&offset=${first.next}`),
    )
    expect(second.hasNext).toBe(false)
    expect([...first.data, ...second.data]).toHaveLength(3)
  })
})

describe('Lever notes', () => {
  it('answers 201 with the note, records it with perform_as, and edits it by note_id', async () => {
    const opportunity = lever.addOpportunity()
    expect((await postNote(opportunity.id, '', {})).status).toBe(400)
    const res = await postNote(opportunity.id, '?perform_as=user-7', { value: 'Thank-you sent' })
    expect(res.status).toBe(201)
    const { data } = await json(res)
    expect(data).toMatchObject({ noteId: data.id, user: 'user-7', secret: false })
    expect(data.fields[0]).toMatchObject({ type: 'note', value: 'Thank-you sent' })
    expect(lever.notes).toMatchObject([
      { opportunityId: opportunity.id, performAs: 'user-7', value: 'Thank-you sent' },
    ])
    const edit = await postNote(opportunity.id, `?perform_as=user-7&note_id=${data.id}`, {
      value: 'Thank-you sent (edited)',
    })
    expect(edit.status).toBe(201)
    expect(lever.notes).toMatchObject([{ value: 'Thank-you sent (edited)', edits: 1 }])
  })

  it('can require perform_as', async () => {
    const opportunity = lever.addOpportunity()
    lever.requirePerformAs(true)
    const res = await postNote(opportunity.id, '', { value: 'x' })
    expect(res.status).toBe(400)
    expect((await json(res)).code).toBe('BadRequestError')
    await expect(lever.waitForNotes(1, 30)).rejects.toThrow(/0 of 1/)
  })
})

describe('Lever rate limit and failures', () => {
  it('answers 429 beyond the burst of its token bucket', async () => {
    const opportunity = lever.addOpportunity()
    // a slow refill, so a loaded machine cannot refill a token between the calls
    lever.setRateLimit({ perSecond: 0.01, burst: 3 })
    const statuses: number[] = []
    for (let i = 0; i < 5; i += 1)
      statuses.push(await statusOf(api(`/opportunities/${opportunity.id}`)))
    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })

  it('fails on demand and at a seeded rate', async () => {
    const opportunity = lever.addOpportunity()
    lever.failNext({ status: 429, retryAfter: 2 })
    const limited = await api(`/opportunities/${opportunity.id}`)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect((await json(limited)).code).toBe('TooManyRequestsError')
    lever.failNext({ drop: true }, { method: 'POST' })
    await expect(postNote(opportunity.id, '', { value: 'x' })).rejects.toThrow()
    expect(lever.notes).toHaveLength(0)

    lever.setRateLimit(null)
    lever.failRate(0.5, { seed: 3, failure: { status: 502, rawBody: '<html>Bad Gateway</html>' } })
    const statuses: number[] = []
    for (let i = 0; i < 20; i += 1)
      statuses.push(await statusOf(api(`/opportunities/${opportunity.id}`)))
    expect(statuses).toContain(502)
    expect(statuses).toContain(200)
  })
})

describe('Lever webhooks', () => {
  it('puts a signature of token + triggeredAt in the body, verifiable with the token', async () => {
    const data = leverPayloads.interviewCreated({
      opportunityId: 'opp-1',
      interviewId: 'int-1',
      panelId: 'panel-1',
    })
    const delivery = await sendLeverWebhook(receiver.url, 'sig-token', 'interviewCreated', data, {
      triggeredAt: 1_500_000_000_000,
    })
    expect(delivery.status).toBe(200)
    const raw = receiver.received[0]!.raw
    expect(JSON.parse(raw)).toMatchObject({
      triggeredAt: 1_500_000_000_000,
      event: 'interviewCreated',
      token: expect.stringMatching(/^[0-9a-f]+$/),
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: {
        opportunityId: 'opp-1',
        candidateId: 'opp-1',
        interviewId: 'int-1',
        panelId: 'panel-1',
      },
    })
    expect(signatureMatches('sig-token', raw)).toBe(true)
    expect(signatureMatches('another-token', raw)).toBe(false)
  })

  it('builds the other events and a connection test without opportunityId', async () => {
    expect(
      leverPayloads.candidateStageChange({ opportunityId: 'o', fromStageId: 'a', toStageId: 'b' }),
    ).toMatchObject({ opportunityId: 'o', fromStageId: 'a', toStageId: 'b' })
    expect(leverPayloads.candidateHired({ opportunityId: 'o' })).toMatchObject({
      opportunityId: 'o',
    })
    const test = await sendLeverWebhook(
      receiver.url,
      't',
      'candidateHired',
      leverPayloads.connectionTest(),
    )
    expect(test.body.data).not.toHaveProperty('opportunityId')
    expect(signatureMatches('t', test.raw)).toBe(true)
  })
})
