import { describe, expect, it } from 'vitest'
import { coachingLinkOf, createAgency, logInterview, type TestAgency } from '../support/factories'
import { useHarness } from '../support/lifecycle'

// How many statements each busy route runs (X-Query-Count, the QUERY_LOG=1 test binding; the
// credential check is left out, as its count depends on when the key was last used). A budget
// per route, and the same count for an agency with one interview and one with forty: no route
// makes a query per row.

const h = useHarness({ QUERY_LOG: '1' })

/** statements per request: the route's own work */
const budgets = {
  // the interview, its candidate, people, queued messages and quota counts, in one transaction
  create: 8,
  // the page of interviews with their interviewers, emails and page views (as JSON)
  list: 1,
  detail: 1,
  // the link (and whether it was viewed), the first view, the interview with its agency and people
  candidatePage: 3,
  // and every view after: the first view is known from the link's look-up
  candidatePageAgain: 2,
  markSent: 6,
  // the agency's time zone, the days' counts for the totals and every breakdown in one pass, the
  // interviews still in their window, the medians from their buckets
  stats: 4,
  // the widget dashboard's request: the period before rides along in the same four
  dashboard: 4,
}

async function countsFor(agency: TestAgency) {
  const count = async (method: string, path: string, options: Parameters<typeof h.request>[2]) => {
    const res = await h.request(method, path, options)
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300)
    return Number(res.headers.get('x-query-count'))
  }
  const token = agency.secretKey
  const interview = await logInterview(h, token)
  const link = `/c/${await coachingLinkOf(h, interview.id)}`
  return {
    create: await count('POST', '/v1/interviews', {
      token,
      json: {
        candidate: { name: 'Ana Lima', email: `ana.${Date.now()}@example.com` },
        roleTitle: 'Analyst',
        clientCompany: 'Globex',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        durationMinutes: 45,
        format: 'video',
        interviewers: [{ name: 'Priya' }, { name: 'Tom' }],
      },
    }),
    list: await count('GET', '/v1/interviews?limit=25', { token }),
    detail: await count('GET', `/v1/interviews/${interview.id}`, { token }),
    candidatePage: await count('GET', link, {}),
    candidatePageAgain: await count('GET', link, {}),
    markSent: await count('POST', `${link}/events`, {
      json: { type: 'sent', interviewerId: interview.interviewers[0].id },
    }),
    stats: await count('GET', '/v1/stats?groupBy=week,client,recruiter', { token }),
    dashboard: await count('GET', '/v1/stats?groupBy=week,client,recruiter&compare=previous', {
      token,
    }),
  }
}

describe('statements per request', () => {
  it('stay within each route budget, whatever the size of the agency', async () => {
    const small = await createAgency(h)
    const large = await createAgency(h)
    for (let i = 0; i < 40; i++) await logInterview(h, large.secretKey)
    const forSmall = await countsFor(small)
    const forLarge = await countsFor(large)
    console.info('statements per request', forSmall)
    expect(forLarge).toEqual(forSmall)
    const over = Object.entries(forSmall).filter(
      ([route, n]) => n > budgets[route as keyof typeof budgets],
    )
    expect(over).toEqual([])
  }, 120_000)
})
