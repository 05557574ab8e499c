import { createHmac, timingSafeEqual } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { greenhousePayloads, sendWebhook, startFakeGreenhouse } from '../support/fake-greenhouse'
import { useFakeAndReceiver } from '../support/lifecycle'
import { json, statusOf } from '../support/receiver'

const [gh, receiver] = useFakeAndReceiver(startFakeGreenhouse)

function basic(user: string) {
  return `Basic ${Buffer.from(`${user}:`).toString('base64')}`
}

function harvest(path: string, init: RequestInit = {}) {
  const url = path.startsWith('http') ? path : `${gh.harvestUrl}${path}`
  return fetch(url, {
    ...init,
    headers: { authorization: basic(gh.apiToken), ...(init.headers as Record<string, string>) },
  })
}

function seedInterview() {
  const recruiter = gh.addUser({ first_name: 'Boone', last_name: 'Carlyle' })
  const candidate = gh.addCandidate({ first_name: 'Kate', last_name: 'Austen' })
  const application = gh.addApplication(candidate.id)
  const interview = gh.addScheduledInterview(application.id)
  return { recruiter, candidate, application, interview }
}

function notePost(candidateId: number, onBehalfOf: number | null, body: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (onBehalfOf !== null) headers['on-behalf-of'] = String(onBehalfOf)
  return harvest(`/candidates/${candidateId}/activity_feed/notes`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  })
}

/** the check a receiver makes, written here without the fake's helpers */
function signatureMatches(secret: string, raw: string, header: string | undefined) {
  const [algorithm, hex] = (header ?? '').split(' ')
  const expected = createHmac('sha256', secret).update(Buffer.from(raw, 'utf8')).digest()
  const given = Buffer.from(hex ?? '', 'hex')
  return (
    algorithm === 'sha256' && given.length === expected.length && timingSafeEqual(given, expected)
  )
}

describe('Harvest auth', () => {
  it('answers 401 without the API token as the Basic user name, 200 with it', async () => {
    const { candidate } = seedInterview()
    const none = await fetch(`${gh.harvestUrl}/candidates/${candidate.id}`)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ message: expect.any(String) })
    const wrong = await fetch(`${gh.harvestUrl}/candidates/${candidate.id}`, {
      headers: { authorization: basic('not-the-token') },
    })
    expect(wrong.status).toBe(401)
    const right = await harvest(`/candidates/${candidate.id}`)
    expect(right.status).toBe(200)
    expect(right.headers.get('x-ratelimit-limit')).toBe('50')
  })
})

describe('Harvest reads', () => {
  it('returns bare records: a candidate with its applications, a scheduled interview', async () => {
    const { candidate, application, interview } = seedInterview()
    const body = await json(await harvest(`/candidates/${candidate.id}`))
    expect(body).toMatchObject({
      id: candidate.id,
      first_name: 'Kate',
      application_ids: [application.id],
    })
    expect(body.applications[0]).toMatchObject({ id: application.id, candidate_id: candidate.id })
    const got = await json(await harvest(`/scheduled_interviews/${interview.id}`))
    expect(got).toMatchObject({
      id: interview.id,
      application_id: application.id,
      status: 'scheduled',
    })
    expect(got.start.date_time).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/)
    expect(got.interviewers[0]).toHaveProperty('response_status')
  })

  it('answers 404 with Harvest’s error body for an unknown id', async () => {
    const res = await harvest('/candidates/999999')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      message: 'Resource not found',
      errors: [{ message: 'Could not find candidate with id 999999', field: 'id' }],
    })
  })

  it('pages lists through the Link header, which a client follows as given', async () => {
    const { application } = seedInterview()
    for (let i = 0; i < 4; i += 1) gh.addScheduledInterview(application.id)
    const ids: number[] = []
    let next: string | null =
      `${gh.harvestUrl}/applications/${application.id}/scheduled_interviews?per_page=2`
    let pages = 0
    while (next) {
      const res = await harvest(next)
      const link = res.headers.get('link') ?? ''
      if (pages === 0) expect(link).toContain('rel="last"')
      ids.push(...((await res.json()) as { id: number }[]).map((i) => i.id))
      next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? null
      pages += 1
    }
    expect(pages).toBe(3)
    expect(new Set(ids).size).toBe(5)
  })

  it('filters all scheduled interviews by updated_after', async () => {
    const { interview } = seedInterview()
    const since = new Date(Date.now() + 1).toISOString()
    await new Promise((resolve) => setTimeout(resolve, 5))
    gh.updateScheduledInterview(interview.id, { location: 'Room 4' })
    const res = await harvest(`/scheduled_interviews?updated_after=${since}`)
    expect(((await res.json()) as { id: number }[]).map((i) => i.id)).toEqual([interview.id])
  })
})

describe('Harvest notes', () => {
  it('requires On-Behalf-Of and a valid body, then answers 201 and records the note', async () => {
    const { recruiter, candidate } = seedInterview()
    const note = { user_id: recruiter.id, body: 'Sent a thank-you note', visibility: 'public' }
    expect((await notePost(candidate.id, null, note)).status).toBe(403)
    const invalid = await notePost(candidate.id, recruiter.id, { ...note, visibility: 'everyone' })
    expect(invalid.status).toBe(422)
    expect((await json(invalid)).errors[0].field).toBe('visibility')
    expect(gh.notes).toHaveLength(0)

    const created = await notePost(candidate.id, recruiter.id, note)
    expect(created.status).toBe(201)
    expect(await json(created)).toMatchObject({
      body: 'Sent a thank-you note',
      visibility: 'public',
      visiblity: 'public',
      private: false,
      user: { id: recruiter.id, name: 'Boone Carlyle' },
    })
    expect(gh.notes).toMatchObject([
      { candidate_id: candidate.id, on_behalf_of: String(recruiter.id) },
    ])
    const feed = await json(await harvest(`/candidates/${candidate.id}/activity_feed`))
    expect(feed.notes[0].body).toBe('Sent a thank-you note')
  })
})

describe('Harvest rate limit and failures', () => {
  it('counts calls in the window and answers 429 with Retry-After beyond the limit', async () => {
    const { candidate } = seedInterview()
    gh.setRateLimit(2)
    const first = await harvest(`/candidates/${candidate.id}`)
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1')
    await harvest(`/candidates/${candidate.id}`)
    const limited = await harvest(`/candidates/${candidate.id}`)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/)
  })

  it('fails the next matching call as told: status, drop, delay, outage', async () => {
    const { recruiter, candidate } = seedInterview()
    gh.failNext({ status: 429, retryAfter: 3 }, { method: 'POST' })
    const read = await harvest(`/candidates/${candidate.id}`)
    expect(read.status).toBe(200)
    const note = { user_id: recruiter.id, body: 'hi', visibility: 'private' }
    const limited = await notePost(candidate.id, recruiter.id, note)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(gh.notes).toHaveLength(0)

    gh.failNext({ drop: true })
    await expect(harvest(`/candidates/${candidate.id}`)).rejects.toThrow()

    gh.failNext({ delayMs: 150 })
    const slow = notePost(candidate.id, recruiter.id, note)
    // recorded at once, answered later: the case where the caller gives up waiting
    expect(await gh.waitForNotes(1)).toHaveLength(1)
    expect(gh.calls.at(-1)!.status).toBeNull()
    expect((await slow).status).toBe(201)

    gh.down()
    expect((await harvest(`/candidates/${candidate.id}`)).status).toBe(500)
    gh.up()
    expect((await harvest(`/candidates/${candidate.id}`)).status).toBe(200)
  })

  it('fails a seeded share of calls, the same ones on every run', async () => {
    const { candidate } = seedInterview()
    const run = async () => {
      gh.failRate(0.3, { seed: 7 })
      const statuses: number[] = []
      for (let i = 0; i < 40; i += 1)
        statuses.push(await statusOf(harvest(`/candidates/${candidate.id}`)))
      gh.failRate(0)
      return statuses
    }
    const first = await run()
    expect(await run()).toEqual(first)
    const failed = first.filter((status) => status === 500).length
    expect(failed).toBeGreaterThan(4)
    expect(failed).toBeLessThan(20)
  })
})

describe('Greenhouse webhooks', () => {
  it('signs the raw body, escapes HTML characters first, and sends an event id', async () => {
    const secret = 'whsec_followthrough'
    const payload = greenhousePayloads.candidateStageChange({
      applicationId: 265277,
      candidateId: 265772,
      jobName: 'Designer <Senior> & Lead',
    })
    const delivery = await sendWebhook(receiver.url, secret, 'candidate_stage_change', payload)
    expect(delivery.status).toBe(200)
    const [got] = receiver.received
    expect(got!.raw).toContain('Designer \\u003cSenior\\u003e \\u0026 Lead')
    expect(got!.headers['greenhouse-event-id']).toMatch(/^[0-9a-f-]{36}$/)
    const header = got!.headers.signature as string
    expect(header).toMatch(/^sha256 [0-9a-f]{64}$/)
    expect(signatureMatches(secret, got!.raw, header)).toBe(true)
    // the parsed-and-reserialised body no longer matches: receivers must check the raw bytes
    expect(signatureMatches(secret, JSON.stringify(JSON.parse(got!.raw)), header)).toBe(false)
    expect(signatureMatches('another secret', got!.raw, header)).toBe(false)
    expect(JSON.parse(got!.raw).payload.application.jobs[0].name).toBe('Designer <Senior> & Lead')
  })

  it('builds interview_deleted, hire_candidate and ping payloads', async () => {
    expect(greenhousePayloads.interviewDeleted(31087450)).toEqual({ interview: { id: 31087450 } })
    const hire = greenhousePayloads.hireCandidate({ applicationId: 1, candidateId: 2 })
    expect(hire.application).toMatchObject({ status: 'hired', offer: { starts_at: '2027-01-04' } })
    const ping = await sendWebhook(receiver.url, 's', 'ping', greenhousePayloads.ping())
    expect(JSON.parse(ping.body)).toEqual({ action: 'ping', payload: { web_hook_id: 301 } })
  })

  it('retries an answer other than 200 with the same event id', async () => {
    receiver.answers.push(500, 202)
    const delivery = await sendWebhook(
      receiver.url,
      's',
      'interview_deleted',
      greenhousePayloads.interviewDeleted(9),
      { retryDelaysMs: [5, 5, 5] },
    )
    expect(delivery.attempts).toBe(3)
    expect(delivery.status).toBe(200)
    const ids = receiver.received.map((r) => r.headers['greenhouse-event-id'])
    expect(new Set(ids)).toEqual(new Set([delivery.eventId]))
  })
})
