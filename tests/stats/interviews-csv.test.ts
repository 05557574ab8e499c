import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../support/csv'
import { coachingLinkOf, createSession, logInterview } from '../support/factories'
import { useAgency, useHarness } from '../support/lifecycle'

// The per-interview export: what the list shows, one row each, written as it is read.

const h = useHarness()
const agency = useAgency(h)
const minute = 60_000

const header = [
  'Interview ID',
  'Starts at',
  'Ends at',
  'Candidate',
  'Candidate email',
  'Role',
  'Client',
  'Recruiter',
  'Recruiter ID',
  'Status',
  'Coaching email',
  'Interviewers',
  'Notes sent',
  'First note sent at',
  'Sent on time',
  'Outcome',
  'ATS',
  'ATS record',
]

const exported = async (query: string, token = agency.secretKey) => {
  const res = await h.request('GET', `/v1/interviews.csv${query}`, { token })
  expect(res.status, res.text).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="followthrough-interviews-\d{4}-\d\d-\d\d\.csv"$/,
  )
  const [head, ...rows] = parseCsv(res.text)
  expect(head).toEqual(header)
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])))
}

describe('GET /v1/interviews.csv', () => {
  it('writes a row per interview, newest interview first, with what the list shows', async () => {
    const rita = await createSession(h, agency, { externalId: 'ats-rita-7', name: 'Rita Ramos' })
    const early = await logInterview(h, rita.token, {
      clientCompany: '=HYPERLINK("http://evil.example")',
      startsAt: new Date(Date.now() - 180 * minute).toISOString(),
    })
    const late = await logInterview(h, rita.token, {
      clientCompany: 'Export Co',
      startsAt: new Date(Date.now() - 60 * minute).toISOString(),
    })
    const marked = await h.request('POST', `/c/${await coachingLinkOf(h, late.id)}/events`, {
      json: { type: 'sent', interviewerId: late.interviewers[0].id },
    })
    expect(marked.status, marked.text).toBe(200)

    const rows = await exported(`?recruiterId=${rita.recruiterId}`)
    expect(rows.map((row) => row['Interview ID'])).toEqual([late.id, early.id])
    expect(rows[0]).toMatchObject({
      'Starts at': late.startsAt,
      Candidate: late.candidate.name,
      'Candidate email': late.candidate.email,
      Client: 'Export Co',
      Recruiter: 'Rita Ramos',
      'Recruiter ID': 'ats-rita-7',
      Interviewers: 'Priya Natarajan; Tom Becker',
      'Notes sent': '1 of 2',
      'Sent on time': 'yes',
      Outcome: '',
    })
    expect(rows[0]!['First note sent at']).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(rows[1]).toMatchObject({
      Client: `'=HYPERLINK("http://evil.example")`,
      'Notes sent': '0 of 2',
      'First note sent at': '',
      'Sent on time': '',
    })
  })

  it('writes every interview of a range, page after page', async () => {
    const seed = await logInterview(h, agency.secretKey, { clientCompany: 'Bulk' })
    await sql`
      insert into interviews (agency_id, recruiter_id, candidate_id, candidate_name, role_title,
                              client_company, starts_at, ends_at, duration_minutes, format)
      select agency_id, recruiter_id, candidate_id, candidate_name, role_title, client_company,
             starts_at - g * interval '1 minute', ends_at - g * interval '1 minute',
             duration_minutes, format
      from interviews, generate_series(1, 1100) g
      where id = ${seed.id}`.execute(h.db)
    const from = new Date(Date.now() - 3 * 24 * 60 * minute).toISOString()
    const rows = await exported(`?clientCompany=Bulk&from=${encodeURIComponent(from)}`)
    expect(rows).toHaveLength(1101)
    expect(new Set(rows.map((row) => row['Interview ID'])).size).toBe(1101)
    const starts = rows.map((row) => row['Starts at']!)
    expect(starts).toEqual([...starts].sort().reverse())
  })

  it("shows a recruiter their own, and refuses another recruiter's before writing", async () => {
    const own = await createSession(h, agency, { externalId: 'ats-own-1', name: 'Own Recruiter' })
    const other = await createSession(h, agency, { externalId: 'ats-other-2', name: 'Other One' })
    const mine = await logInterview(h, own.token, { clientCompany: 'Scoped Co' })
    await logInterview(h, other.token, { clientCompany: 'Scoped Co' })
    const rows = await exported('?clientCompany=Scoped%20Co', own.token)
    expect(rows.map((row) => row['Interview ID'])).toEqual([mine.id])
    const refused = await h.request('GET', `/v1/interviews.csv?recruiterId=${other.recruiterId}`, {
      token: own.token,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
  })

  it('refuses filters it cannot read with 400, in the API error shape', async () => {
    for (const query of ['?from=yesterday', '?limit=5', '?status=lost', '?recruiterId=42']) {
      const res = await h.request('GET', `/v1/interviews.csv${query}`, { token: agency.secretKey })
      expect(res.status, query).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
    const anonymous = await h.request('GET', '/v1/interviews.csv')
    expect(anonymous.status).toBe(401)
  })
})
