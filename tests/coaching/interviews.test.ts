import { beforeEach, describe, expect, it } from 'vitest'
import {
  createAgency,
  createSession,
  interviewBody,
  logInterview,
  runCron,
} from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import { useAgency, useFakeResend, useHarness } from '../support/lifecycle'

const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))
const agency = useAgency(h, {
  branding: { senderName: 'Brightpath Careers', replyTo: 'team@brightpath.example' },
})
beforeEach(() => fake.reset())

describe('POST /v1/interviews', () => {
  it('logs the interview and emails the candidate at once', async () => {
    const interview = await logInterview(h, agency.secretKey, {
      candidate: { name: 'Ana Lima', email: 'Ana.Lima@Example.com' },
    })
    expect(interview).toMatchObject({
      candidate: { name: 'Ana Lima', email: 'ana.lima@example.com' },
      clientCompany: 'Globex',
      interviewers: [{ name: 'Priya Natarajan' }, { name: 'Tom Becker' }],
      coaching: { notesSent: 0, notesTotal: 2, reminder: 'scheduled', status: 'awaiting_notes' },
    })
    const [email] = await fake.waitForEmails(1)
    expect(email).toMatchObject({
      to: ['ana.lima@example.com'],
      from: expect.stringContaining('"Brightpath Careers" <'),
      replyTo: ['team@brightpath.example'],
      idempotencyKey: expect.stringMatching(/^email\//),
    })
    expect(email!.subject).toContain('Globex')
    expect(email!.html).toMatch(/href="http:\/\/followthrough\.test\/c\/[A-Za-z0-9_-]{32}"/)
    expect(email!.text).toContain('http://followthrough.test/c/')
    expect(email!.headers['List-Unsubscribe']).toMatch(
      /^<http:\/\/followthrough\.test\/u\/[A-Za-z0-9_-]{32}>$/,
    )
    expect(email!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(email!.tags).toContainEqual({ name: 'kind', value: 'coaching' })

    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching).toMatchObject({ email: 'sent', emailAttempts: 1 })
    // the link's token is stored only as a hash
    const token = (email!.html ?? '').match(/\/c\/([A-Za-z0-9_-]{32})/)![1]!
    const links = await h.db.selectFrom('coaching_links').selectAll().execute()
    expect(JSON.stringify(links)).not.toContain(token)
  })

  it('gives one interview and one email for the same Idempotency-Key, even concurrently', async () => {
    const body = interviewBody()
    const headers = { 'idempotency-key': `log-${Date.now()}` }
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        h.request('POST', '/v1/interviews', { token: agency.secretKey, json: body, headers }),
      ),
    )
    for (const res of answers) expect(res.status, res.text).toBe(201)
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1)
    const again = await h.request('POST', '/v1/interviews', {
      token: agency.secretKey,
      json: body,
      headers,
    })
    expect(again.body.id).toBe(answers[0]!.body.id)
    const other = await h.request('POST', '/v1/interviews', {
      token: agency.secretKey,
      json: { ...body, roleTitle: 'Something else' },
      headers,
    })
    expect(other.status).toBe(409)
    await fake.waitForEmails(1)
    await new Promise((r) => setTimeout(r, 300))
    expect(fake.sent.filter((e) => e.to[0] === body.candidate.email)).toHaveLength(1)
    const rows = await h.db
      .selectFrom('interviews as i')
      .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
      .select('i.id')
      .where('c.email', '=', body.candidate.email)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('rejects bad interviews with clear field messages and writes nothing', async () => {
    const count = async () =>
      (await h.db.selectFrom('interviews').select('id').execute()).length +
      (await h.db.selectFrom('emails').select('id').execute()).length
    const before = await count()
    const cases: [Record<string, unknown>, string][] = [
      [{ candidate: { name: 'Ana', email: 'not-an-email' } }, 'candidate.email'],
      [{ startsAt: 'yesterday' }, 'startsAt'],
      [{ startsAt: new Date(Date.now() + 181 * 86_400_000).toISOString() }, 'startsAt'],
      [{ startsAt: new Date(Date.now() - 30 * 86_400_000).toISOString() }, 'startsAt'],
      [{ durationMinutes: 0 }, 'durationMinutes'],
      [{ durationMinutes: 45.5 }, 'durationMinutes'],
      [{ format: 'carrier pigeon' }, 'format'],
      [{ interviewers: [] }, 'interviewers'],
      [{ interviewers: Array.from({ length: 11 }, (_, i) => ({ name: `P${i}` })) }, 'interviewers'],
      [{ interviewers: [{ name: 'Priya', phone: '555' }] }, 'interviewers.0.phone'],
      [{ roleTitle: 'Analyst\r\nBcc: x@example.com' }, 'roleTitle'],
      [{ talkingPoints: 'x'.repeat(2001) }, 'talkingPoints'],
      [{ recruiterExternalId: 'nobody-yet' }, 'recruiterExternalId'],
    ]
    for (const [overrides, path] of cases) {
      const res = await h.request('POST', '/v1/interviews', {
        token: agency.secretKey,
        json: interviewBody(overrides),
      })
      expect(res.status, path).toBe(400)
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        path,
      ).toContain(path)
    }
    expect(await count()).toBe(before)
  })
})

describe('GET /v1/interviews', () => {
  it('shows a recruiter only their own interviews, a manager and the secret key all', async () => {
    const own = await createAgency(h)
    const alice = await createSession(h, own, { externalId: 'alice', role: 'recruiter' })
    const bob = await createSession(h, own, { externalId: 'bob', role: 'recruiter' })
    const boss = await createSession(h, own, { externalId: 'boss', role: 'manager' })
    const a = await logInterview(h, alice.token)
    const b = await logInterview(h, bob.token)
    const viaKey = await logInterview(h, own.secretKey, { recruiterExternalId: 'alice' })
    expect(viaKey.recruiterId).toBe(alice.recruiterId)

    const ids = async (token: string, query = '') =>
      (await h.request('GET', `/v1/interviews${query}`, { token })).body.data.map(
        (i: { id: string }) => i.id,
      )
    expect(await ids(alice.token)).toEqual([viaKey.id, a.id])
    expect(await ids(bob.token)).toEqual([b.id])
    expect(await ids(boss.token)).toEqual([viaKey.id, b.id, a.id])
    expect(await ids(own.secretKey, `?recruiterId=${bob.recruiterId}`)).toEqual([b.id])
    expect((await h.request('GET', `/v1/interviews/${b.id}`, { token: alice.token })).status).toBe(
      404,
    )
    const foreignFilter = await h.request('GET', `/v1/interviews?recruiterId=${bob.recruiterId}`, {
      token: alice.token,
    })
    expect(foreignFilter.status).toBe(403)
    // another agency sees none of it
    expect(await ids(agency.secretKey, `?recruiterId=${alice.recruiterId}`)).toEqual([])
    expect(
      (await h.request('GET', `/v1/interviews/${a.id}`, { token: agency.secretKey })).status,
    ).toBe(404)
    const resend = await h.request('POST', `/v1/interviews/${a.id}/resend`, {
      token: agency.secretKey,
    })
    expect(resend.status).toBe(404)
  })

  it('pages with a cursor and filters by client and status', async () => {
    const own = await createAgency(h)
    for (const company of ['Initech', 'Initech', 'Umbrella']) {
      await logInterview(h, own.secretKey, { clientCompany: company })
    }
    const first = await h.request('GET', '/v1/interviews?limit=2', { token: own.secretKey })
    const second = await h.request(
      'GET',
      `/v1/interviews?limit=2&cursor=${first.body.nextCursor}`,
      {
        token: own.secretKey,
      },
    )
    expect(first.body.data).toHaveLength(2)
    expect(second.body.data).toHaveLength(1)
    expect(second.body.nextCursor).toBeNull()
    const initech = await h.request('GET', '/v1/interviews?clientCompany=initech', {
      token: own.secretKey,
    })
    expect(initech.body.data).toHaveLength(2)
    const awaiting = await h.request('GET', '/v1/interviews?status=awaiting_notes', {
      token: own.secretKey,
    })
    expect(awaiting.body.data).toHaveLength(3)
    const done = await h.request('GET', '/v1/interviews?status=all_notes_sent', {
      token: own.secretKey,
    })
    expect(done.body.data).toHaveLength(0)
    for (const bad of ['status=won', 'limit=500', 'from=tuesday', 'recruiterId=42']) {
      const res = await h.request('GET', `/v1/interviews?${bad}`, { token: own.secretKey })
      expect(res.status, bad).toBe(400)
    }
  })
})

describe('GET /v1/interviews: interview order, search and recruiter names', () => {
  const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString()

  it('orders by interview time, pages that order with its own cursor, and names the recruiter', async () => {
    const own = await createAgency(h)
    const dana = await createSession(h, own, { externalId: 'dana', name: 'Dana Reyes' })
    const boss = await createSession(h, own, { externalId: 'boss', role: 'manager' })
    // logged in this order; they took place in another
    const middle = await logInterview(h, dana.token, { startsAt: hoursAgo(30) })
    const latest = await logInterview(h, own.secretKey, { startsAt: hoursAgo(2) })
    const earliest = await logInterview(h, dana.token, { startsAt: hoursAgo(60) })
    const ahead = await logInterview(h, dana.token, { startsAt: hoursAgo(-48) })

    const list = (query: string, token = own.secretKey) =>
      h.request('GET', `/v1/interviews${query}`, { token })
    const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((i) => i.id)
    expect(ids(await list(''))).toEqual([ahead.id, earliest.id, latest.id, middle.id])

    const first = await list('?order=starts_at&limit=2')
    expect(first.status).toBe(200)
    expect(ids(first)).toEqual([ahead.id, latest.id])
    const second = await list(`?order=starts_at&limit=2&cursor=${first.body.nextCursor}`)
    expect(ids(second)).toEqual([middle.id, earliest.id])
    expect(second.body.nextCursor).toBeNull()
    // a cursor of one order is refused by the other, rather than skipping or repeating rows
    const mixed = await list(`?limit=2&cursor=${first.body.nextCursor}`)
    expect(mixed.status).toBe(400)
    expect(mixed.body.error.details).toEqual([
      { path: 'cursor', message: 'Use the nextCursor of a previous page.' },
    ])
    const createdFirst = await list('?limit=2')
    expect(ids(await list(`?limit=2&cursor=${createdFirst.body.nextCursor}`))).toEqual([
      latest.id,
      middle.id,
    ])

    const byId = new Map<string, { recruiter: unknown }>(
      (await list('', boss.token)).body.data.map((i: { id: string }) => [i.id, i]),
    )
    expect(byId.get(middle.id)?.recruiter).toEqual({ id: dana.recruiterId, name: 'Dana Reyes' })
    expect(byId.get(latest.id)?.recruiter).toBeNull()
    expect((await list('', boss.token)).body.scope).toBe('agency')
    expect((await list('', dana.token)).body.scope).toBe('own')
    const one = await h.request('GET', `/v1/interviews/${middle.id}`, { token: dana.token })
    expect(one.body.recruiter).toEqual({ id: dana.recruiterId, name: 'Dana Reyes' })
  })

  it('searches candidate and client names in any case, taking % and _ literally', async () => {
    const own = await createAgency(h)
    const ana = await logInterview(h, own.secretKey, {
      candidate: { name: 'Ana Souza', email: 'ana@example.com' },
      clientCompany: 'Globex',
    })
    const ben = await logInterview(h, own.secretKey, {
      candidate: { name: 'Ben Okoro', email: 'ben@example.com' },
      clientCompany: 'Souza_Partners 100%',
    })
    await logInterview(h, own.secretKey, {
      candidate: { name: 'Cleo Park', email: 'cleo@example.com' },
      clientCompany: 'Initech',
    })
    const other = await createAgency(h)
    await logInterview(h, other.secretKey, {
      candidate: { name: 'Ana Souza', email: 'ana@example.com' },
      clientCompany: 'Globex',
    })

    const found = async (q: string, token = own.secretKey) => {
      const res = await h.request('GET', `/v1/interviews?q=${encodeURIComponent(q)}`, { token })
      expect(res.status, q).toBe(200)
      return res.body.data.map((i: { id: string }) => i.id)
    }
    expect(await found('SOUZA')).toEqual([ben.id, ana.id])
    expect(await found('glob')).toEqual([ana.id])
    expect(await found('  ana  ')).toEqual([ana.id])
    expect(await found('100%')).toEqual([ben.id])
    expect(await found('a_p')).toEqual([ben.id])
    expect(await found('%')).toEqual([ben.id])
    expect(await found('_')).toEqual([ben.id])
    expect(await found('\\')).toEqual([])
    // the client filter is a whole name in any case, its wildcards literal too
    const client = await h.request('GET', '/v1/interviews?clientCompany=_nitech', {
      token: own.secretKey,
    })
    expect(client.body.data).toEqual([])
    // another agency's interviews never appear
    expect(await found('souza', other.secretKey)).toHaveLength(1)
    expect(await found('ben', other.secretKey)).toEqual([])
  })

  it('refuses bad list parameters with field messages, never a 500', async () => {
    const own = await createAgency(h)
    const cases: [string, string][] = [
      [`q=${'x'.repeat(101)}`, 'q'],
      ['order=name', 'order'],
      ['order=starts_at&cursor=nonsense', 'cursor'],
      ['q=a&q=b', 'q'],
    ]
    for (const [query, path] of cases) {
      const res = await h.request('GET', `/v1/interviews?${query}`, { token: own.secretKey })
      expect(res.status, query).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path)
    }
    const fine = await h.request('GET', `/v1/interviews?q=${'x'.repeat(100)}`, {
      token: own.secretKey,
    })
    expect(fine.status).toBe(200)
  })
})

describe('the nightly cron', () => {
  it('forgets idempotency keys after a day, so a key may be reused', async () => {
    const body = interviewBody()
    const headers = { 'idempotency-key': 'nightly-1' }
    const first = await h.request('POST', '/v1/interviews', {
      token: agency.secretKey,
      json: body,
      headers,
    })
    const res = await runCron(h, new Date(Date.now() + 3 * 86_400_000), '30 3 * * *')
    expect(res.outcome).toBe('ok')
    const second = await h.request('POST', '/v1/interviews', {
      token: agency.secretKey,
      json: body,
      headers,
    })
    expect(second.status).toBe(201)
    expect(second.body.id).not.toBe(first.body.id)
  })
})
