import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakeBullhorn, type FakeBullhorn } from '../support/fake-bullhorn'
import { json, statusOf } from '../support/receiver'

let bh: FakeBullhorn

beforeAll(async () => {
  bh = await startFakeBullhorn()
})
afterEach(() => bh.reset())
afterAll(() => bh.close())

function query(params: Record<string, string>) {
  return new URLSearchParams(params).toString()
}

async function discover() {
  const res = await fetch(`${bh.loginInfoUrl}?username=${bh.account.username}`)
  return (await json(res)) as { oauthUrl: string; restUrl: string }
}

async function authorizationCode(oauthUrl: string, state = 'csrf-1') {
  const { clientId, redirectUri, username, password } = bh.account
  const res = await fetch(
    `${oauthUrl}/authorize?${query({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      state,
      action: 'Login',
      username,
      password,
    })}`,
    { redirect: 'manual' },
  )
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!)
}

function token(oauthUrl: string, params: Record<string, string>) {
  const { clientId, clientSecret } = bh.account
  return fetch(
    `${oauthUrl}/token?${query({ client_id: clientId, client_secret: clientSecret, ...params })}`,
    { method: 'POST', redirect: 'manual' },
  )
}

/** the whole chain a client goes through: loginInfo, authorize, token, login */
async function connect() {
  const { oauthUrl, restUrl } = await discover()
  const code = (await authorizationCode(oauthUrl)).searchParams.get('code')!
  const tokens = await json(
    await token(oauthUrl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: bh.account.redirectUri,
    }),
  )
  const login = await json(
    await fetch(
      `${restUrl}/login?version=*&access_token=${encodeURIComponent(tokens.access_token)}`,
    ),
  )
  return {
    oauthUrl,
    restUrl: login.restUrl as string,
    bhRestToken: login.BhRestToken as string,
    tokens,
  }
}

function rest(
  session: { restUrl: string; bhRestToken: string },
  path: string,
  init: RequestInit = {},
) {
  return fetch(`${session.restUrl}${path}`, {
    ...init,
    headers: { BhRestToken: session.bhRestToken, ...(init.headers as Record<string, string>) },
  })
}

describe('Bullhorn sign-in', () => {
  it('discovers its own URLs, authorizes with a 302 carrying code and state, logs in', async () => {
    const { oauthUrl, restUrl } = await discover()
    expect(oauthUrl).toBe(`${bh.url}/oauth`)
    expect(restUrl).toBe(`${bh.url}/rest-services`)
    const location = await authorizationCode(oauthUrl, 'state-42')
    expect(`${location.origin}${location.pathname}`).toBe(bh.account.redirectUri)
    expect(location.searchParams.get('state')).toBe('state-42')
    const code = location.searchParams.get('code')!
    const exchange = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: bh.account.redirectUri,
    }
    const tokens = await json(await token(oauthUrl, exchange))
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 600 })
    const again = await token(oauthUrl, exchange)
    expect(again.status).toBe(400)
    expect((await json(again)).error).toBe('invalid_grant')

    const login = await fetch(`${restUrl}/login?version=*&access_token=${tokens.access_token}`)
    const session = await json(login)
    expect(session.restUrl).toBe(`${bh.url}/rest-services/e999/`)
    const ping = await rest({ restUrl: session.restUrl, bhRestToken: session.BhRestToken }, 'ping')
    expect((await json(ping)).sessionExpires).toBeGreaterThan(Date.now())
  })

  it('takes the token parameters as a form body too, as the Python sample sends them', async () => {
    const refreshToken = bh.seedRefreshToken()
    const res = await fetch(`${bh.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: query({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: bh.account.clientId,
        client_secret: bh.account.clientSecret,
      }),
    })
    expect(res.status).toBe(200)
    expect((await json(res)).refresh_token).not.toBe(refreshToken)
    const wrongSecret = await token(`${bh.url}/oauth`, {
      grant_type: 'refresh_token',
      refresh_token: bh.liveRefreshTokens()[0]!,
      client_secret: 'nope',
    })
    expect(wrongSecret.status).toBe(400)
    expect((await json(wrongSecret)).error).toBe('invalid_client')
  })

  it('shows a login page with an error, and no redirect, for a wrong password', async () => {
    const { oauthUrl } = await discover()
    const res = await fetch(
      `${oauthUrl}/authorize?${query({
        client_id: bh.account.clientId,
        response_type: 'code',
        action: 'Login',
        username: bh.account.username,
        password: 'wrong',
      })}`,
      { redirect: 'manual' },
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('location')).toBeNull()
    expect(await res.text()).toContain('<p class="error">')
  })

  it('answers 307 to the right data center, keeping the path and query', async () => {
    bh.moveToDataCenter('west')
    const first = await fetch(`${bh.loginInfoUrl}?username=${bh.account.username}`, {
      redirect: 'manual',
    })
    expect(first.status).toBe(307)
    const moved = first.headers.get('location')!
    expect(moved).toBe(`${bh.url}/west/rest-services/loginInfo?username=${bh.account.username}`)
    const info = await json(await fetch(moved))
    expect(info.oauthUrl).toBe(`${bh.url}/west/oauth`)
    // a client that kept the old OAuth URL is sent on, and must POST again
    const stale = await token(`${bh.url}/oauth`, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
    })
    expect(stale.status).toBe(307)
    expect(stale.headers.get('location')).toMatch(/\/west\/oauth\/token\?client_id=/)
    const session = await connect()
    expect(session.restUrl).toBe(`${bh.url}/west/rest-services/e999/`)
  })

  it('needs BhRestToken on REST calls: 412 without, 401 unknown or expired, header or query', async () => {
    const session = await connect()
    expect((await fetch(`${session.restUrl}ping`)).status).toBe(412)
    const bad = await rest({ ...session, bhRestToken: 'nope' }, 'ping')
    expect(bad.status).toBe(401)
    expect((await json(bad)).errorMessageKey).toBe('errors.authentication.invalidRestToken')
    expect((await fetch(`${session.restUrl}ping?BhRestToken=${session.bhRestToken}`)).status).toBe(
      200,
    )
    bh.expireSessions()
    expect((await rest(session, 'ping')).status).toBe(401)
  })
})

describe('Bullhorn refresh tokens', () => {
  it('takes each refresh token once: a second use is 400 invalid_grant', async () => {
    const { oauthUrl, tokens } = await connect()
    const first = await token(oauthUrl, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    })
    expect(first.status).toBe(200)
    const fresh = await json(first)
    const reused = await token(oauthUrl, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    })
    expect(reused.status).toBe(400)
    expect(await json(reused)).toMatchObject({ error: 'invalid_grant' })
    expect(bh.refreshTokens.find((t) => t.token === tokens.refresh_token)).toMatchObject({
      consumedAt: expect.any(Date),
      replacedBy: fresh.refresh_token,
    })
    expect(bh.liveRefreshTokens()).toEqual([fresh.refresh_token])
  })

  it('lets two racing refreshes leave one live token, kept by a compare-and-set store', async () => {
    const oauthUrl = `${bh.url}/oauth`
    let stored = bh.seedRefreshToken()
    const refresh = async () => {
      const used = stored
      const res = await token(oauthUrl, { grant_type: 'refresh_token', refresh_token: used })
      if (res.status !== 200) return res.status
      const body = await json(res)
      // the atomic store: replace the token only if it is still the one this refresh used
      if (stored === used) stored = body.refresh_token
      return res.status
    }
    const statuses = await Promise.all([refresh(), refresh()])
    expect(statuses.sort()).toEqual([200, 400])
    expect(bh.liveRefreshTokens()).toEqual([stored])
    expect(
      (await token(oauthUrl, { grant_type: 'refresh_token', refresh_token: stored })).status,
    ).toBe(200)
  })

  it('refuses a reused access token at /login with Bullhorn’s message', async () => {
    const { tokens } = await connect()
    const res = await fetch(
      `${bh.url}/rest-services/login?version=*&access_token=${tokens.access_token}`,
    )
    expect(res.status).toBe(400)
    expect((await json(res)).errorMessage).toBe('Invalid or expired OAuth access token.')
  })
})

describe('Bullhorn event subscriptions', () => {
  it('queues matching events, consumes them when read, and replays a batch by requestId', async () => {
    const session = await connect()
    const path = 'event/subscription/ft_agency_1'
    const created = await rest(
      session,
      `${path}?type=entity&names=Appointment,Placement&eventTypes=INSERTED,UPDATED,DELETED`,
      {
        method: 'PUT',
      },
    )
    expect(await json(created)).toMatchObject({ lastRequestId: 0, subscriptionId: 'ft_agency_1' })
    const duplicate = await rest(
      session,
      `${path}?type=entity&names=Appointment&eventTypes=INSERTED`,
      {
        method: 'PUT',
      },
    )
    expect(duplicate.status).toBe(400)

    bh.pushEvent({ entityName: 'Appointment', entityId: 8592, entityEventType: 'INSERTED' })
    bh.pushEvent({ entityName: 'Candidate', entityId: 1, entityEventType: 'UPDATED' })
    bh.pushEvent({
      entityName: 'Placement',
      entityId: 77,
      entityEventType: 'UPDATED',
      updatedProperties: ['status'],
    })
    bh.pushEvent({ entityName: 'Appointment', entityId: 8592, entityEventType: 'DELETED' })

    const first = await json(await rest(session, `${path}?maxEvents=1`))
    expect(first.requestId).toBe(1)
    expect(first.events).toEqual([
      expect.objectContaining({
        eventId: expect.stringMatching(/^ID:JBM-/),
        eventType: 'ENTITY',
        entityName: 'Appointment',
        entityId: 8592,
        entityEventType: 'INSERTED',
        eventTimestamp: expect.any(Number),
        eventMetadata: expect.objectContaining({ PERSON_ID: expect.any(String) }),
      }),
    ])
    const second = await json(await rest(session, `${path}?maxEvents=100`))
    expect(second.requestId).toBe(2)
    expect(second.events.map((e: any) => [e.entityName, e.entityEventType])).toEqual([
      ['Placement', 'UPDATED'],
      ['Appointment', 'DELETED'],
    ])
    expect(second.events[0].updatedProperties).toEqual(['status'])

    const empty = await rest(session, `${path}?maxEvents=100`)
    expect(empty.status).toBe(200)
    expect(await empty.text()).toBe('')
    expect(await json(await rest(session, `${path}?requestId=1`))).toEqual(first)
    expect(await json(await rest(session, `${path}/lastRequestId`))).toEqual({ result: 2 })
    expect((await rest(session, `${path}`)).status).toBe(400)

    expect(await json(await rest(session, path, { method: 'DELETE' }))).toEqual({ result: true })
    expect((await rest(session, `${path}?maxEvents=1`)).status).toBe(404)
  })
})

describe('Bullhorn entities and notes', () => {
  it('returns { data } with the fields asked for, to-one as { id, ... }, to-many as { total, data }', async () => {
    const session = await connect()
    const candidate = bh.addCandidate({ firstName: 'Maya', lastName: 'Lindqvist' })
    const contact = bh.addClientContact()
    const job = bh.addJobOrder({ title: 'Forklift Operator' })
    const appointment = bh.addAppointment({
      candidateId: candidate.id,
      clientContactId: contact.id,
      jobOrderId: job.id,
    })
    const fields =
      'id,type,dateBegin,dateEnd,timeZoneID,candidateReference(id,email),clientContactReference,' +
      'jobOrder(id,title),owner,attendees(attendee,acceptanceStatus)'
    const res = await rest(session, `entity/Appointment/${appointment.id}?fields=${fields}`)
    const { data } = await json(res)
    expect(data).toMatchObject({
      id: appointment.id,
      type: 'Interview',
      timeZoneID: 'America/New_York',
      candidateReference: { id: candidate.id, email: 'maya.lindqvist@example.com' },
      clientContactReference: { id: contact.id, firstName: 'Carl', lastName: 'Hiring' },
      jobOrder: { id: job.id, title: 'Forklift Operator' },
      owner: { id: bh.account.apiUserId, _subtype: 'CorporateUser' },
      attendees: {
        total: 1,
        data: [{ attendee: { id: contact.id, _subtype: 'ClientContact' }, acceptanceStatus: 1 }],
      },
    })
    expect(data.dateEnd - data.dateBegin).toBe(60 * 60 * 1000)
    expect(Object.keys(data)).not.toContain('subject')

    const placement = bh.addPlacement({ candidateId: candidate.id, jobOrderId: job.id })
    const got = await json(
      await rest(session, `entity/Placement/${placement.id}?fields=id,status,candidate`),
    )
    expect(got.data).toEqual({
      id: placement.id,
      status: 'Placed',
      candidate: { id: candidate.id, firstName: 'Maya', lastName: 'Lindqvist' },
    })
    for (const [type, id] of [
      ['Candidate', candidate.id],
      ['ClientContact', contact.id],
      ['JobOrder', job.id],
    ] as const) {
      expect((await rest(session, `entity/${type}/${id}?fields=id`)).status).toBe(200)
    }
    expect(
      (await rest(session, `entity/Candidate/${candidate.id}?fields=id,nickName`)).status,
    ).toBe(400)
    expect((await rest(session, `entity/Candidate/${candidate.id}`)).status).toBe(400)
    expect((await rest(session, 'entity/Candidate/123456?fields=id')).status).toBe(404)
  })

  it('creates a Note with PUT, records it, and finds it again by externalID', async () => {
    const session = await connect()
    const candidate = bh.addCandidate()
    const job = bh.addJobOrder()
    const note = {
      action: 'Thank You Note',
      comments: 'Candidate sent a thank-you note to Carl Hiring.',
      personReference: { id: candidate.id },
      jobOrder: { id: job.id },
      externalID: 'ft:evt_1',
    }
    const put = (body: unknown) =>
      rest(session, 'entity/Note', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const res = await put(note)
    const body = await json(res)
    expect(await bh.waitForNotes(1)).toHaveLength(1)
    expect(body).toMatchObject({ changedEntityType: 'Note', changeType: 'INSERT', data: note })
    expect(bh.notes).toMatchObject([
      {
        id: body.changedEntityId,
        personReference: { id: candidate.id, _subtype: 'Candidate' },
        commentingPerson: { id: bh.account.apiUserId },
        externalID: 'ft:evt_1',
      },
    ])
    const refused = await put({ ...note, action: 'Not A Listed Action', candidates: [{ id: 1 }] })
    expect(refused.status).toBe(400)
    expect((await json(refused)).errors.map((e: any) => e.propertyName).sort()).toEqual([
      'action',
      'candidates',
    ])
    expect(bh.notes).toHaveLength(1)
    const found = await json(
      await rest(session, `query/Note?where=externalID='ft:evt_1'&fields=id`),
    )
    expect(found.data).toEqual([{ id: body.changedEntityId }])
  })

  it('updates a Note with POST, records each edit, 404 for no such note, failures apply', async () => {
    const session = await connect()
    const candidate = bh.addCandidate()
    const send = (path: string, method: string, body: unknown) =>
      rest(session, path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const created = await json(
      await send('entity/Note', 'PUT', {
        comments: 'first account',
        personReference: { id: candidate.id },
      }),
    )
    const id = created.changedEntityId as number
    const res = await send(`entity/Note/${id}`, 'POST', { comments: 'second account' })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({
      changedEntityType: 'Note',
      changedEntityId: id,
      changeType: 'UPDATE',
      data: { comments: 'second account' },
    })
    expect(bh.notes).toHaveLength(1)
    expect(bh.notes[0]).toMatchObject({ id, comments: 'second account' })
    expect(bh.noteEdits).toMatchObject([{ noteId: id, changes: { comments: 'second account' } }])
    const read = await json(await rest(session, `entity/Note/${id}?fields=comments`))
    expect(read.data).toEqual({ id, comments: 'second account' })

    const unknownField = await send(`entity/Note/${id}`, 'POST', { subject: 'x' })
    expect(unknownField.status).toBe(400)
    const missing = await send(`entity/Note/${id + 999}`, 'POST', { comments: 'x' })
    expect(missing.status).toBe(404)
    expect((await json(missing)).errorMessage).toContain('Cannot find entity of type Note')
    bh.removeEntity('Note', id)
    expect((await send(`entity/Note/${id}`, 'POST', { comments: 'x' })).status).toBe(404)
    expect(bh.noteEdits).toHaveLength(1)

    // failure controls reach this route as any other: a 503 changes nothing
    const other = await json(
      await send('entity/Note', 'PUT', { comments: 'a', personReference: { id: candidate.id } }),
    )
    bh.failNext({ status: 503 }, { method: 'POST', path: /\/entity\/Note\/\d+$/ })
    const failed = await send(`entity/Note/${other.changedEntityId}`, 'POST', { comments: 'b' })
    expect(failed.status).toBe(503)
    expect(bh.noteEdits).toHaveLength(1)
    expect(bh.notes[1]!.comments).toBe('a')
  })
})

describe('Bullhorn failures', () => {
  it('fails the matching call as told, and a seeded share of calls the same way every run', async () => {
    const session = await connect()
    bh.failNext({ status: 429, retryAfter: 1 }, { path: /\/event\/subscription\// })
    expect((await rest(session, 'ping')).status).toBe(200)
    const limited = await rest(session, 'event/subscription/x?maxEvents=1')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect((await json(limited)).errorCode).toBe(429)
    bh.failNext({ drop: true, afterMs: 20 })
    await expect(rest(session, 'ping')).rejects.toThrow()

    const run = async () => {
      bh.failRate(0.3, { seed: 11 })
      const statuses: number[] = []
      for (let i = 0; i < 30; i += 1) statuses.push(await statusOf(rest(session, 'ping')))
      bh.failRate(0)
      return statuses
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(first).toContain(503)
    expect(first).toContain(200)
  })
})
