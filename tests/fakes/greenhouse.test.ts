import { createHmac, timingSafeEqual } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { greenhousePayloads, sendWebhook, startFakeGreenhouse } from '../support/fake-greenhouse'
import { useFakeAndReceiver } from '../support/lifecycle'
import { json, statusOf } from '../support/receiver'

const [gh, receiver] = useFakeAndReceiver(startFakeGreenhouse)

const tokenUrl = () => gh.harvestUrl.replace(/\/v3$/, '/token')

/** POST /token as the client-credentials grant is made: id and secret as HTTP Basic, a form. */
function askToken(form: Record<string, string>, secret = gh.clientSecret) {
  return fetch(tokenUrl(), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${gh.clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  })
}

async function tokenFor(sub?: number) {
  const form: Record<string, string> = { grant_type: 'client_credentials' }
  if (sub !== undefined) form.sub = String(sub)
  return ((await json(await askToken(form))) as { access_token: string }).access_token
}

async function harvest(path: string, init: RequestInit & { token?: string } = {}) {
  const url = path.startsWith('http') ? path : `${gh.harvestUrl}${path}`
  const token = init.token ?? (await tokenFor())
  return fetch(url, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
  })
}

const idsOf = async (res: Response) => ((await res.json()) as { id: number }[]).map((r) => r.id)

function seedInterview() {
  const recruiter = gh.addUser({ first_name: 'Boone', last_name: 'Carlyle' })
  const candidate = gh.addCandidate({ first_name: 'Kate', last_name: 'Austen' })
  const application = gh.addApplication(candidate.id)
  const interview = gh.addScheduledInterview(application.id, {
    organizer: recruiter,
    interviewers: [
      { name: 'Hugo Reyes', email: 'hugo.reyes@example.com' },
      { email: 'outside.panelist@client.example' },
    ],
  })
  return { recruiter, candidate, application, interview }
}

const notePost = (body: unknown, token?: string) =>
  harvest('/notes', { method: 'POST', body: JSON.stringify(body), token })

/** the check a receiver makes, written here without the fake's helpers */
function signatureMatches(secret: string, raw: string, header: string | undefined) {
  const [algorithm, hex] = (header ?? '').split(' ')
  const expected = createHmac('sha256', secret).update(Buffer.from(raw, 'utf8')).digest()
  const given = Buffer.from(hex ?? '', 'hex')
  return (
    algorithm === 'sha256' && given.length === expected.length && timingSafeEqual(given, expected)
  )
}

describe('Harvest v3 tokens', () => {
  it('grants a Bearer token for the client id and secret as Basic, and refuses others', async () => {
    const granted = await askToken({ grant_type: 'client_credentials' })
    expect(granted.status).toBe(200)
    const body = await json(granted)
    expect(body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) })
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(59 * 60_000)

    const wrong = await askToken({ grant_type: 'client_credentials' }, 'not-the-secret')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ error: 'invalid_client' })
    expect((await askToken({})).status).toBe(400)
    expect((await askToken({ grant_type: 'client_credentials', sub: '1' })).status).toBe(400)
  })

  it('answers 401 without a live token, and 404 for an unknown route before looking', async () => {
    seedInterview()
    const none = await fetch(`${gh.harvestUrl}/candidates`)
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ message: 'Unauthorized' })
    const token = await tokenFor()
    expect((await harvest('/candidates', { token })).status).toBe(200)
    gh.expireTokens()
    expect((await harvest('/candidates', { token })).status).toBe(401)
    const unknown = await fetch(`${gh.harvestUrl}/scheduled_interviews`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ message: 'Resource not found' })
  })

  it('lists nothing to a user who is not a site admin', async () => {
    seedInterview()
    const clerk = gh.addUser({ first_name: 'Ana', last_name: 'Cortez', site_admin: false })
    expect(
      await (await harvest('/candidates', { token: await tokenFor(clerk.id) })).json(),
    ).toEqual([])
  })
})

describe('Harvest v3 lists', () => {
  it('reads records by ids and children by their parents, with parents kept by id', async () => {
    const { recruiter, candidate, application, interview } = seedInterview()
    const [got] = await json(await harvest(`/interviews?ids=${interview.id}`))
    expect(got).toMatchObject({
      id: interview.id,
      application_id: application.id,
      organizer_id: recruiter.id,
      status: 'scheduled',
    })
    expect(got.starts_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/)
    expect(got).not.toHaveProperty('interviewers')
    const panel = await json(await harvest(`/interviewers?interview_ids=${interview.id}`))
    expect(panel).toHaveLength(2)
    const outside = panel.find((p: { user_id: number | null }) => p.user_id === null)
    expect(outside.email).toBe('outside.panelist@client.example')
    const named = panel.find((p: { user_id: number | null }) => p.user_id !== null)
    const [hugo] = await json(await harvest(`/users?ids=${named.user_id}`))
    expect(hugo).toMatchObject({ name: 'Hugo Reyes', primary_email: 'hugo.reyes@example.com' })
    const [app] = await json(await harvest(`/applications?candidate_ids=${candidate.id}`))
    expect(app).toMatchObject({ id: application.id, job_id: expect.any(Number) })
    const [job] = await json(await harvest(`/jobs?ids=${app.job_id}`))
    const [department] = await json(await harvest(`/departments?ids=${job.department_id}`))
    expect([job.name, department.name]).toEqual(['Warehouse Supervisor', 'Umbrella Corp'])
    expect(await json(await harvest('/candidates?ids=999999'))).toEqual([])
  })

  it('pages newest first through a cursor that must come alone', async () => {
    const { application } = seedInterview()
    for (let i = 0; i < 4; i += 1) gh.addScheduledInterview(application.id)
    const ids: number[] = []
    let next: string | null =
      `${gh.harvestUrl}/interviews?application_ids=${application.id}&per_page=2`
    let pages = 0
    while (next) {
      const res = await harvest(next)
      const link = res.headers.get('link') ?? ''
      expect(link).not.toContain('rel="last"')
      ids.push(...(await idsOf(res)))
      next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? null
      if (pages === 0) {
        const mixed = await harvest(`${next}&per_page=2`)
        expect(mixed.status).toBe(422)
        expect(await mixed.json()).toEqual({
          errors: ['When passing a cursor, do not include other query params.'],
        })
      }
      pages += 1
    }
    expect(pages).toBe(3)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(new Set(ids).size).toBe(5)
    expect((await harvest('/interviews?per_page=501')).status).toBe(422)
    const many = Array.from({ length: 51 }, (_, i) => i + 1).join(',')
    expect((await harvest(`/interviews?ids=${many}`)).status).toBe(422)
  })

  it('filters by time as operator|time pairs', async () => {
    const { interview } = seedInterview()
    const since = new Date(Date.now() + 1).toISOString()
    await new Promise((resolve) => setTimeout(resolve, 5))
    gh.updateScheduledInterview(interview.id, { location: 'Room 4' })
    const after = await harvest(`/interviews?updated_at=${encodeURIComponent(`gte|${since}`)}`)
    expect(await idsOf(after)).toEqual([interview.id])
    const window = `gte|${since}|lt|${since}`
    expect(
      await idsOf(await harvest(`/interviews?updated_at=${encodeURIComponent(window)}`)),
    ).toEqual([])
    expect((await harvest('/interviews?updated_at=after|yesterday')).status).toBe(422)
  })
})

describe('Harvest v3 notes', () => {
  it('takes a note with the write spelling of visibility, 201, and lists it read-spelt', async () => {
    const { recruiter, candidate, application } = seedInterview()
    const note = {
      candidate_id: candidate.id,
      application_id: application.id,
      user_id: recruiter.id,
      body: 'Sent a thank-you note',
      visibility: 'public',
      note_type: 'NOTE',
    }
    const invalid = await notePost({ ...note, visibility: 'publicly_visible' })
    expect(invalid.status).toBe(422)
    expect((await json(invalid)).errors[0].field).toBe('visibility')
    // the credentials' service account is no note's author
    expect((await notePost({ ...note, user_id: undefined })).status).toBe(422)
    expect(gh.notes).toHaveLength(0)

    const created = await notePost(note)
    expect(created.status).toBe(201)
    expect(await json(created)).toMatchObject({
      body: 'Sent a thank-you note',
      type: 'NOTE',
      user_id: recruiter.id,
      visibility: 'publicly_visible',
    })
    // without user_id, the token's user writes it
    expect(
      (await notePost({ ...note, user_id: undefined }, await tokenFor(recruiter.id))).status,
    ).toBe(201)
    const listed = await json(await harvest(`/notes?candidate_ids=${candidate.id}&type=NOTE`))
    expect(listed.map((n: { body: string }) => n.body)).toEqual([
      'Sent a thank-you note',
      'Sent a thank-you note',
    ])
  })
})

describe('Harvest rate limit and failures', () => {
  it('counts calls in the window and answers 429 with Retry-After beyond the limit', async () => {
    seedInterview()
    const token = await tokenFor()
    gh.setRateLimit(2)
    const first = await harvest('/candidates', { token })
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1')
    expect(first.headers.get('x-ratelimit-limit')).toBe('2')
    await harvest('/candidates', { token })
    const limited = await harvest('/candidates', { token })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/)
  })

  it('fails the next matching call as told: status, drop, delay, outage', async () => {
    const { recruiter, candidate } = seedInterview()
    const token = await tokenFor()
    const note = {
      candidate_id: candidate.id,
      user_id: recruiter.id,
      body: 'hi',
      visibility: 'private',
    }
    gh.failNext({ status: 429, retryAfter: 3 }, { method: 'POST', path: '/v3/notes' })
    expect((await harvest('/candidates', { token })).status).toBe(200)
    const limited = await notePost(note, token)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(gh.notes).toHaveLength(0)

    gh.failNext({ drop: true })
    await expect(harvest('/candidates', { token })).rejects.toThrow()

    gh.failNext({ delayMs: 150 })
    const slow = notePost(note, token)
    // recorded at once, answered later: the case where the caller gives up waiting
    expect(await gh.waitForNotes(1)).toHaveLength(1)
    expect(gh.calls.at(-1)!.status).toBeNull()
    expect((await slow).status).toBe(201)

    gh.down()
    expect((await harvest('/candidates', { token })).status).toBe(500)
    gh.up()
    expect((await harvest('/candidates', { token })).status).toBe(200)
  })

  it('fails a seeded share of calls, the same ones on every run', async () => {
    seedInterview()
    const token = await tokenFor()
    const run = async () => {
      gh.failRate(0.3, { seed: 7 })
      const statuses: number[] = []
      for (let i = 0; i < 40; i += 1)
        statuses.push(await statusOf(harvest('/candidates', { token })))
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
