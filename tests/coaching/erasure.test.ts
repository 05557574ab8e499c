import { describe, expect, it } from 'vitest'
import { createAgency, logInterview } from '../support/factories'
import { columnsContaining } from '../support/database'
import { useAgency, useHarness } from '../support/lifecycle'

// no RESEND_API_KEY: mail is captured in the outbox, which erasure must clear as well
const h = useHarness()
const agency = useAgency(h)

describe('POST /v1/candidates/erase', () => {
  it("leaves no trace of the person's name or email in any table", async () => {
    const person = {
      name: 'Zelda Quintanilla-Oyelaran',
      email: 'zelda.q@example.org',
      // what she goes by and where she lives are hers too
      preferredName: 'Zeldie',
      timeZone: 'America/Bogota',
    }
    const headers = { 'idempotency-key': 'erase-me-1' }
    const first = await logInterview(h, agency.secretKey, { candidate: person }, headers)
    await logInterview(h, agency.secretKey, {
      candidate: person,
      clientCompany: 'Initech',
      talkingPoints: `Zelda mentioned she led the migration.`,
    })
    expect(await columnsContaining(h.db, 'zelda.q@example.org')).not.toEqual([])
    expect(await columnsContaining(h.db, 'Quintanilla')).not.toEqual([])

    const res = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: 'Zelda.Q@Example.org' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ candidatesErased: 1, interviews: 2 })

    expect(await columnsContaining(h.db, 'zelda.q@example.org')).toEqual([])
    expect(await columnsContaining(h.db, 'Quintanilla')).toEqual([])
    expect(await columnsContaining(h.db, 'Zelda')).toEqual([])
    expect(await columnsContaining(h.db, 'Zeldie')).toEqual([])
    expect(await columnsContaining(h.db, 'America/Bogota')).toEqual([])

    // the interviews remain, as counts, without the person
    const read = await h.request('GET', `/v1/interviews/${first.id}`, { token: agency.secretKey })
    expect(read.status).toBe(200)
    expect(read.body.candidate).toBeNull()
    expect(read.body.talkingPoints).toBeNull()
    // replaying the create cannot hand the erased details back
    const replay = await h.request('POST', '/v1/interviews', {
      token: agency.secretKey,
      json: { candidate: person },
      headers,
    })
    expect(JSON.stringify(replay.body)).not.toContain('Quintanilla')
  })

  it("erases only in the caller's agency, and says so when nobody matched", async () => {
    const other = await createAgency(h)
    const person = { name: 'Shared Person', email: 'shared@example.org' }
    await logInterview(h, agency.secretKey, { candidate: person })
    const theirs = await logInterview(h, other.secretKey, { candidate: person })
    const res = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: person.email },
    })
    expect(res.body.candidatesErased).toBe(1)
    const stillThere = await h.request('GET', `/v1/interviews/${theirs.id}`, {
      token: other.secretKey,
    })
    expect(stillThere.body.candidate).toMatchObject(person)
    const nobody = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: 'nobody@example.org' },
    })
    expect(nobody.body).toEqual({ candidatesErased: 0, interviews: 0 })
    const bad = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: 'x' },
    })
    expect(bad.status).toBe(400)
  })
})
