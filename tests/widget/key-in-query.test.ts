import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgency, createSession, logInterview, type TestAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'

const origin = 'https://portal.brightpath.example'

// The widget sends its publishable key as `?key=`, so that the CORS preflight carries it too;
// routes with a strict query schema must take it as well as their own parameters.
describe('the publishable key in the query of routes with their own query', () => {
  let h: Harness
  let agency: TestAgency
  let session: string
  beforeAll(async () => {
    h = await startHarness()
    agency = await createAgency(h, { allowedOrigins: [origin] })
    session = (await createSession(h, agency, { role: 'manager' })).token
    await logInterview(h, agency.secretKey)
  })
  afterAll(async () => {
    await h?.close()
  })

  const fromWidget = (path: string) =>
    h.request('GET', `${path}&key=${agency.publishableKey}`, {
      token: session,
      headers: { origin },
    })

  it('answers the interview list, filtered, with the CORS grant', async () => {
    const res = await fromWidget('/v1/interviews?status=awaiting_notes&limit=5')
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toHaveLength(1)
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
  })

  it('answers the stats and their CSV', async () => {
    const res = await fromWidget('/v1/stats?groupBy=client')
    expect(res.status, res.text).toBe(200)
    expect(res.body.groups.map((g: { label: string }) => g.label)).toEqual(['Globex'])
    const csv = await fromWidget('/v1/stats.csv?groupBy=client')
    expect(csv.status, csv.text).toBe(200)
    expect(csv.text).toContain('Client,Globex,Globex')
  })

  it('still refuses a query field no route knows', async () => {
    const res = await fromWidget('/v1/interviews?colour=blue')
    expect(res.status).toBe(400)
    expect(res.body.error.details).toEqual([{ path: 'colour', message: 'Unknown field.' }])
  })
})
