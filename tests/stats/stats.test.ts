import { beforeAll, describe, expect, it } from 'vitest'
import type { EventType } from '../../db/schema'
import { createAgency, createSession, logInterview, type TestAgency } from '../support/factories'
import { parseCsv } from '../support/csv'
import { useAgency, useHarness } from '../support/lifecycle'

// Mail is captured (no RESEND_API_KEY): a captured coaching email counts as sent, so every
// interview logged here is coached unless a test marks its email failed. Interviews are logged
// through the API and then moved back in time, and note times are written directly, because
// the API only takes interviews of the last 14 days and stamps notes with the current time.
// Delivery and page events are written as the webhook and the candidate page write them; their
// own tests cover those routes.

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

let laAgency: TestAgency
let rita: { token: string; recruiterId: string }
let sam: { token: string; recruiterId: string }
let manager: { token: string; recruiterId: string }

// Monday 00:00 UTC eight weeks back: the fixture lies wholly outside the default 30-day range
const base = (() => {
  const now = new Date()
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return midnight - ((now.getUTCDay() + 6) % 7) * day - 8 * 7 * day
})()
const at = (days: number, hours: number) => new Date(base + days * day + hours * hour)
const dateOf = (days: number) => new Date(base + days * day).toISOString().slice(0, 10)
const range = `from=${dateOf(0)}&to=${dateOf(20)}`

function isoWeekOf(days: number): string {
  const thursday = new Date(base + (days + 3) * day)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / day / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

interface Arrangement {
  clientCompany: string
  startsAt: Date
  interviewers: number
  /** captured (default), failed, or failed and then captured as a resend */
  coaching?: 'captured' | 'failed' | 'resend'
  events?: EventType[]
  /** per interviewer: when the note was marked sent, after the interview's end */
  notesAfterEnd?: (number | null)[]
}

async function arrange(target: TestAgency, token: string, spec: Arrangement) {
  const logged = await logInterview(h, token, {
    clientCompany: spec.clientCompany,
    durationMinutes: 60,
    interviewers: Array.from({ length: spec.interviewers }, (_, i) => ({ name: `Person ${i}` })),
  })
  const id: string = logged.id
  // the coaching email goes out after the response; wait so nothing overwrites what follows
  for (let tries = 0; ; tries++) {
    const email = await h.db
      .selectFrom('emails')
      .select('state')
      .where('interview_id', '=', id)
      .where('kind', '=', 'coaching')
      .executeTakeFirstOrThrow()
    if (email.state === 'captured') break
    if (tries > 100) throw new Error(`coaching email stuck in ${email.state}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const endsAt = new Date(spec.startsAt.getTime() + hour)
  await h.db
    .updateTable('interviews')
    .set({ starts_at: spec.startsAt, ends_at: endsAt })
    .where('id', '=', id)
    .execute()
  if (spec.coaching === 'failed' || spec.coaching === 'resend') {
    await h.db
      .updateTable('emails')
      .set({ state: 'failed' })
      .where('interview_id', '=', id)
      .where('kind', '=', 'coaching')
      .execute()
  }
  if (spec.coaching === 'resend') {
    await h.db
      .insertInto('emails')
      .values({
        agency_id: target.id,
        interview_id: id,
        kind: 'resend',
        state: 'captured',
        next_attempt_at: endsAt,
      })
      .execute()
  }
  for (const type of spec.events ?? []) {
    await h.db
      .insertInto('events')
      .values({ agency_id: target.id, interview_id: id, type, occurred_at: endsAt })
      .execute()
  }
  for (const [position, after] of (spec.notesAfterEnd ?? []).entries()) {
    if (after === null) continue
    await h.db
      .updateTable('interviewers')
      .set({ note_sent_at: new Date(endsAt.getTime() + after) })
      .where('interview_id', '=', id)
      .where('position', '=', position)
      .execute()
  }
  return { id, candidateEmail: logged.candidate.email as string }
}

interface Expected {
  interviews: number
  coached: number
  delivered: number
  pageOpened: number
  draftUsed: number
  sent: number
  onTime: number
  fullCoverage: number
  sendRate: number | null
  onTimeRate: number | null
  fullCoverageRate: number | null
  median: number | null
}

function figures(e: Expected) {
  return {
    interviews: e.interviews,
    coached: e.coached,
    funnel: {
      delivered: e.delivered,
      pageOpened: e.pageOpened,
      draftCopiedOrMailOpened: e.draftUsed,
      sent: e.sent,
    },
    onTime: e.onTime,
    fullCoverage: e.fullCoverage,
    // the fixture's windows all closed weeks ago
    inWindow: 0,
    // no candidate here agreed to texts (tests/texts/texts.test.ts counts them)
    texts: { sent: 0, delivered: 0, failed: 0 },
    sendRate: e.sendRate,
    onTimeRate: e.onTimeRate,
    fullCoverageRate: e.fullCoverageRate,
    medianHoursToFirstNote: e.median,
  }
}

// Hand-computed from the arrangement in beforeAll (I1…I6 in range, I7 the day after it).
// Hours to first note among coached: I1 23.9833, I2 24.0167, I3 24, I6 2.
const totals = figures({
  interviews: 6, // I1–I6
  coached: 5, // not I5 (its email failed)
  delivered: 4, // I1, I2, I4, I6 (I3 never delivered)
  pageOpened: 4, // I1, I2, I3, I6
  draftUsed: 3, // I1 copied, I2 mail app, I6 copied
  sent: 4, // I1, I2, I3, I6 (I5's note is not of a coached interview)
  onTime: 3, // I1 at 23:59, I3 at exactly 24:00, I6 at 2 h; not I2 at 24:01
  fullCoverage: 3, // I1 (second note late still thanks), I3, I6
  sendRate: 0.8,
  onTimeRate: 0.6,
  fullCoverageRate: 0.6,
  median: 23.99, // (23.9833 + 24) / 2
})
const ritaFigures = figures({
  interviews: 3,
  coached: 3,
  delivered: 2,
  pageOpened: 3,
  draftUsed: 2,
  sent: 3,
  onTime: 2,
  fullCoverage: 2,
  sendRate: 1,
  onTimeRate: 0.6667,
  fullCoverageRate: 0.6667,
  median: 24,
})
const samFigures = figures({
  interviews: 2,
  coached: 1,
  delivered: 1,
  pageOpened: 0,
  draftUsed: 0,
  sent: 0,
  onTime: 0,
  fullCoverage: 0,
  sendRate: 0,
  onTimeRate: 0,
  fullCoverageRate: 0,
  median: null,
})
// one coached interview whose notes all went out on time
const sentOnTimeInFull = {
  sent: 1,
  onTime: 1,
  fullCoverage: 1,
  sendRate: 1,
  onTimeRate: 1,
  fullCoverageRate: 1,
}
const i6Only = figures({
  interviews: 1,
  coached: 1,
  delivered: 1,
  pageOpened: 1,
  draftUsed: 1,
  ...sentOnTimeInFull,
  median: 2,
})
const i1AndI2 = figures({
  interviews: 2,
  coached: 2,
  delivered: 2,
  pageOpened: 2,
  draftUsed: 2,
  sent: 2,
  onTime: 1,
  fullCoverage: 1,
  sendRate: 1,
  onTimeRate: 0.5,
  fullCoverageRate: 0.5,
  median: 24,
})
const i3Only = figures({
  interviews: 1,
  coached: 1,
  delivered: 0,
  pageOpened: 1,
  draftUsed: 0,
  ...sentOnTimeInFull,
  median: 24,
})
const i3AndI4 = figures({
  interviews: 2,
  coached: 2,
  delivered: 1,
  pageOpened: 1,
  draftUsed: 0,
  sent: 1,
  onTime: 1,
  fullCoverage: 1,
  sendRate: 0.5,
  onTimeRate: 0.5,
  fullCoverageRate: 0.5,
  median: 24,
})
const i5Only = figures({
  interviews: 1,
  coached: 0,
  delivered: 0,
  pageOpened: 0,
  draftUsed: 0,
  sent: 0,
  onTime: 0,
  fullCoverage: 0,
  sendRate: null,
  onTimeRate: null,
  fullCoverageRate: null,
  median: null,
})

let erasedEmail: string

const h = useHarness({ QUERY_LOG: '1' })
const agency = useAgency(h, { name: 'Brightpath', timeZone: 'UTC' })
beforeAll(async () => {
  rita = await createSession(h, agency, { name: 'Rita Recruiter' })
  sam = await createSession(h, agency, { name: 'Sam Recruiter' })
  manager = await createSession(h, agency, { name: 'Mona Manager', role: 'manager' })

  const i1 = await arrange(agency, rita.token, {
    clientCompany: 'Globex',
    startsAt: at(0, 10),
    interviewers: 2,
    events: ['delivered', 'page_opened', 'copied'],
    notesAfterEnd: [23 * hour + 59 * minute, 30 * hour],
  })
  const i2 = await arrange(agency, rita.token, {
    clientCompany: 'Globex',
    startsAt: at(1, 9),
    interviewers: 2,
    events: ['delivered', 'page_opened', 'mail_opened'],
    notesAfterEnd: [24 * hour + minute, null],
  })
  await arrange(agency, rita.token, {
    clientCompany: 'Initech',
    startsAt: at(9, 15),
    interviewers: 1,
    events: ['page_opened'],
    notesAfterEnd: [24 * hour],
  })
  const i4 = await arrange(agency, sam.token, {
    clientCompany: 'Initech',
    startsAt: at(7, 12),
    interviewers: 2,
    events: ['delivered'],
  })
  await arrange(agency, sam.token, {
    clientCompany: 'Globex',
    startsAt: at(8, 12),
    interviewers: 1,
    coaching: 'failed',
    notesAfterEnd: [hour],
  })
  const i6 = await arrange(agency, agency.secretKey, {
    clientCompany: 'Hooli',
    startsAt: at(14, 8),
    interviewers: 1,
    coaching: 'resend',
    events: ['delivered', 'page_opened', 'copied'],
    notesAfterEnd: [2 * hour],
  })
  erasedEmail = i6.candidateEmail
  // outcomes: I1 hired and I2 an offer (notes sent), I4 rejected (no note), I3 none yet; I2
  // first advanced, and the latest report counts
  for (const [interview, stage] of [
    [i2, 'advanced'],
    [i1, 'hired'],
    [i2, 'offer'],
    [i4, 'rejected'],
  ] as const) {
    const res = await h.request('POST', `/v1/interviews/${interview.id}/outcome`, {
      token: agency.secretKey,
      json: { stage },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.outcome.stage).toBe(stage)
  }
  // I7: the first instant after the range
  await arrange(agency, rita.token, {
    clientCompany: 'Globex',
    startsAt: at(21, 0),
    interviewers: 1,
    notesAfterEnd: [hour],
  })

  // another agency, in Los Angeles, with interviews on the same days and client names that
  // look like spreadsheet formulas
  laAgency = await createAgency(h, { name: 'Pacific', timeZone: 'America/Los_Angeles' })
  const la = (clientCompany: string, startsAt: Date) =>
    arrange(laAgency, laAgency.secretKey, { clientCompany, startsAt, interviewers: 1 })
  await la('=HYPERLINK("http://evil.example","x")', at(7, 2)) // Sunday evening locally
  await la('@Risky, Inc.', at(7, 9)) // Monday 01:00 or 02:00 locally
  await la('+Plus Partners', at(8, 20))
  await la('-Minus "Co"', at(8, 21))
  await logInterview(h, laAgency.secretKey) // now: inside the default range
})

const get = (path: string, token: string) => h.request('GET', path, { token })

describe('GET /v1/stats', () => {
  it('matches the hand-computed figures, with the industry baseline beside them', async () => {
    const res = await get(`/v1/stats?${range}`, agency.secretKey)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      from: dateOf(0),
      to: dateOf(20),
      timeZone: 'UTC',
      groupBy: null,
      totals,
      mine: null,
      groups: [],
      breakdowns: {},
      outcomes: {
        // coached with a note: I1, I2, I3, I6
        withNote: { interviews: 4, withOutcome: 2, advanced: 2, offer: 2, hired: 1 },
        // coached without a note: I4 (I5 was never coached)
        withoutNote: { interviews: 1, withOutcome: 1, advanced: 0, offer: 0, hired: 0 },
      },
      baseline: {
        sendRate: 0.24,
        source: 'Accountemps (Robert Half) survey of hiring managers, 2017',
      },
      previous: null,
    })
  })

  it('breaks the figures down by recruiter, client and ISO week', async () => {
    const byRecruiter = await get(`/v1/stats?${range}&groupBy=recruiter`, agency.secretKey)
    expect(byRecruiter.body.groups).toEqual([
      { key: rita.recruiterId, label: 'Rita Recruiter', ...ritaFigures },
      { key: sam.recruiterId, label: 'Sam Recruiter', ...samFigures },
      { key: null, label: 'Unassigned', ...i6Only },
    ])
    const byClient = await get(`/v1/stats?${range}&groupBy=client`, manager.token)
    expect(byClient.body.mine).toBeNull()
    expect(byClient.body.groups).toEqual([
      // I5 adds an interview but nothing coached
      { key: 'Globex', label: 'Globex', ...i1AndI2, interviews: 3 },
      { key: 'Initech', label: 'Initech', ...i3AndI4 },
      { key: 'Hooli', label: 'Hooli', ...i6Only },
    ])
    const byWeek = await get(`/v1/stats?${range}&groupBy=week`, agency.secretKey)
    expect(byWeek.body.groups).toEqual([
      { key: dateOf(0), label: isoWeekOf(0), ...i1AndI2 },
      { key: dateOf(7), label: isoWeekOf(7), ...i3AndI4, interviews: 3 },
      { key: dateOf(14), label: isoWeekOf(14), ...i6Only },
    ])
    // all three at once, from one pass: the same groups, the first also as `groups`
    const all = await get(`/v1/stats?${range}&groupBy=week,client,recruiter`, agency.secretKey)
    expect(all.status, all.text).toBe(200)
    expect(all.headers.get('x-query-count')).toBe('4')
    expect(all.body.groupBy).toBe('week')
    expect(all.body.groups).toEqual(byWeek.body.groups)
    expect(all.body.breakdowns).toEqual({
      week: byWeek.body.groups,
      client: byClient.body.groups,
      recruiter: byRecruiter.body.groups,
    })
    expect(all.body.totals).toEqual(byWeek.body.totals)
  })

  it('refuses a breakdown it does not know or named twice (400)', async () => {
    for (const groupBy of ['team', 'week,week', 'week,', ',week', 'week,client,recruiter,week']) {
      const res = await get(`/v1/stats?${range}&groupBy=${groupBy}`, agency.secretKey)
      expect(res.status, groupBy).toBe(400)
      expect(res.body.error.details[0].path).toBe('groupBy')
    }
    // beside others, the breakdown by recruiter is left out for a recruiter session
    const own = await get(`/v1/stats?${range}&groupBy=week,recruiter,client`, rita.token)
    expect(own.status, own.text).toBe(200)
    expect(Object.keys(own.body.breakdowns)).toEqual(['week', 'client'])
    expect(own.body.groupBy).toBe('week')
  })

  it('gives the period of equal length before the range in the same request', async () => {
    for (const [token, who] of [
      [agency.secretKey, 'agency'],
      [rita.token, 'recruiter'],
    ] as const) {
      const later = `from=${dateOf(11)}&to=${dateOf(21)}`
      const both = await get(`/v1/stats?${later}&groupBy=week,client&compare=previous`, token)
      expect(both.status, both.text).toBe(200)
      // in the statements of a request without it: the medians' read serves both periods
      expect(both.body.totals.medianHoursToFirstNote, who).not.toBeNull()
      expect(both.headers.get('x-query-count'), who).toBe('4')
      const before = await get(`/v1/stats?from=${dateOf(0)}&to=${dateOf(10)}`, token)
      expect(both.body.previous, who).toEqual({
        from: dateOf(0),
        to: dateOf(10),
        totals: before.body.totals,
        mine: before.body.mine,
      })
      expect(both.body.previous.totals.interviews, who).toBeGreaterThan(0)
      // and only when asked
      expect((await get(`/v1/stats?${later}`, token)).body.previous).toBeNull()
    }
  })

  it('counts an interview by the day it started, both ends of the range included', async () => {
    const outside = await get(`/v1/stats?from=${dateOf(21)}&to=${dateOf(21)}`, agency.secretKey)
    expect(outside.body.totals).toMatchObject({ interviews: 1, coached: 1, onTime: 1 })
    const firstDay = await get(`/v1/stats?from=${dateOf(0)}&to=${dateOf(0)}`, agency.secretKey)
    expect(firstDay.body.totals.interviews).toBe(1)
  })

  it('keeps the counts when a candidate is erased', async () => {
    const erased = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: erasedEmail },
    })
    expect(erased.body).toEqual({ candidatesErased: 1, interviews: 1 })
    const after = await get(`/v1/stats?${range}&groupBy=client`, agency.secretKey)
    expect(after.body.totals).toEqual(totals)
    expect(after.body.groups.at(-1)).toEqual({ key: 'Hooli', label: 'Hooli', ...i6Only })
  })

  it("groups weeks and days in the agency's time zone", async () => {
    const byWeek = await get(`/v1/stats?${range}&groupBy=week`, laAgency.secretKey)
    expect(byWeek.body.timeZone).toBe('America/Los_Angeles')
    // Monday 02:00 UTC is Sunday evening in Los Angeles: the week before
    expect(
      byWeek.body.groups.map((g: { key: string; interviews: number }) => [g.key, g.interviews]),
    ).toEqual([
      [dateOf(0), 1],
      [dateOf(7), 3],
    ])
    const sunday = await get(`/v1/stats?from=${dateOf(6)}&to=${dateOf(6)}`, laAgency.secretKey)
    expect(sunday.body.totals.interviews).toBe(1)
    const monday = await get(`/v1/stats?from=${dateOf(7)}&to=${dateOf(7)}`, laAgency.secretKey)
    expect(monday.body.totals.interviews).toBe(1)
  })

  it("defaults to the last 30 days ending today in the agency's time zone", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(
      new Date(),
    )
    const la = await get('/v1/stats', laAgency.secretKey)
    expect(la.body).toMatchObject({ to: today, totals: { interviews: 1, coached: 1 } })
    expect((Date.parse(la.body.to) - Date.parse(la.body.from)) / day).toBe(29)
    const empty = await get('/v1/stats', agency.secretKey)
    expect(empty.body.totals).toMatchObject({
      interviews: 0,
      coached: 0,
      sendRate: null,
      onTimeRate: null,
      fullCoverageRate: null,
      medianHoursToFirstNote: null,
    })
  })

  it('leaves an interview still inside its 24-hour window out of the rates until a note goes', async () => {
    const fresh = await createAgency(h)
    const now = Date.now()
    // ended an hour ago: its window is open; ended 25 hours ago with no note: a miss
    const open = await arrange(fresh, fresh.secretKey, {
      clientCompany: 'Globex',
      startsAt: new Date(now - 2 * hour),
      interviewers: 1,
    })
    await arrange(fresh, fresh.secretKey, {
      clientCompany: 'Globex',
      startsAt: new Date(now - 26 * hour),
      interviewers: 1,
    })
    const today = `groupBy=client`
    let stats = await get(`/v1/stats?${today}`, fresh.secretKey)
    expect(stats.body.totals).toMatchObject({
      coached: 2,
      inWindow: 1,
      sendRate: 0,
      onTimeRate: 0,
      fullCoverageRate: 0,
    })
    expect(stats.body.groups[0]).toMatchObject({ key: 'Globex', inWindow: 1, sendRate: 0 })
    // nor is it on the side of the outcomes without a note yet
    expect(stats.body.outcomes.withoutNote.interviews).toBe(1)
    // only the open one: nothing is decided yet, so there is no rate rather than 0%
    const onlyOpen = await createAgency(h)
    await arrange(onlyOpen, onlyOpen.secretKey, {
      clientCompany: 'Initech',
      startsAt: new Date(now - 2 * hour),
      interviewers: 1,
    })
    expect((await get('/v1/stats', onlyOpen.secretKey)).body.totals).toMatchObject({
      coached: 1,
      inWindow: 1,
      sendRate: null,
      onTimeRate: null,
    })
    // a note on the open one decides it
    await h.db
      .updateTable('interviewers')
      .set({ note_sent_at: new Date() })
      .where('interview_id', '=', open.id)
      .execute()
    stats = await get(`/v1/stats?${today}`, fresh.secretKey)
    expect(stats.body.totals).toMatchObject({
      coached: 2,
      inWindow: 0,
      sendRate: 0.5,
      onTimeRate: 0.5,
    })
  })

  it('never shows another agency its numbers', async () => {
    const la = await get(`/v1/stats?${range}&groupBy=client`, laAgency.secretKey)
    expect(la.body.totals.interviews).toBe(4)
    expect(la.body.groups.map((g: { key: string }) => g.key)).not.toContain('Globex')
  })
})

describe('a recruiter session', () => {
  it("sees its own figures beside the agency's totals", async () => {
    const res = await get(`/v1/stats?${range}`, rita.token)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ totals, mine: ritaFigures, groups: [] })
    const samRes = await get(`/v1/stats?${range}`, sam.token)
    expect(samRes.body).toMatchObject({ totals, mine: samFigures })
  })

  it('breaks down only its own interviews', async () => {
    const byClient = await get(`/v1/stats?${range}&groupBy=client`, rita.token)
    expect(byClient.body.groups).toEqual([
      { key: 'Globex', label: 'Globex', ...i1AndI2 },
      { key: 'Initech', label: 'Initech', ...i3Only },
    ])
    const byWeek = await get(`/v1/stats?${range}&groupBy=week`, rita.token)
    expect(byWeek.body.groups).toEqual([
      { key: dateOf(0), label: isoWeekOf(0), ...i1AndI2 },
      { key: dateOf(7), label: isoWeekOf(7), ...i3Only },
    ])
    const sams = await get(`/v1/stats?${range}&groupBy=client`, sam.token)
    expect(sams.body.groups).toEqual([
      { key: 'Globex', label: 'Globex', ...i5Only },
      { key: 'Initech', label: 'Initech', ...samFigures, interviews: 1 },
    ])
  })

  it('may not read the per-recruiter table (403)', async () => {
    for (const path of ['/v1/stats', '/v1/stats.csv']) {
      const res = await get(`${path}?${range}&groupBy=recruiter`, rita.token)
      expect(res.status, path).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    }
  })
})

describe('bad input', () => {
  it.each([
    ['from=2026-02-30', 'from'],
    ['from=yesterday', 'from'],
    ['to=2026-11-22T00:00:00Z', 'to'],
    ['from=2026-11-02&to=2026-11-01', 'to'],
    ['from=2025-01-01&to=2026-01-02', 'to'],
    ['from=2999-01-01', 'to'],
    ['groupBy=month', 'groupBy'],
    ['compare=last-year', 'compare'],
    ['recruiterId=00000000-0000-4000-8000-000000000000', 'recruiterId'],
  ])('refuses %s (400)', async (query, path) => {
    for (const route of ['/v1/stats', '/v1/stats.csv']) {
      const res = await get(`${route}?${query}`, agency.secretKey)
      expect(res.status, route).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([path])
    }
  })

  it('takes a range of exactly 366 days', async () => {
    const res = await get('/v1/stats?from=2024-01-01&to=2024-12-31', agency.secretKey)
    expect(res.status).toBe(200)
  })
})

describe('GET /v1/stats.csv', () => {
  it('has the same numbers as the JSON', async () => {
    const query = `${range}&groupBy=client`
    const [json, csv] = await Promise.all([
      get(`/v1/stats?${query}`, rita.token),
      get(`/v1/stats.csv?${query}`, rita.token),
    ])
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="followthrough-stats-${dateOf(0)}-${dateOf(20)}.csv"`,
    )
    const [header, ...rows] = parseCsv(csv.text)
    const percent = (rate: number | null) =>
      rate === null ? '' : String(Math.round(rate * 1000) / 10)
    const hours = (h: number | null) => (h === null ? '' : String(Math.round(h * 10) / 10))
    const scopes = [
      ['Agency', null, 'All interviews', json.body.totals],
      ['Mine', null, 'My interviews', json.body.mine],
      ...json.body.groups.map((g: { key: string; label: string }) => ['Client', g.key, g.label, g]),
    ]
    expect(rows).toEqual([
      ...scopes.map(([scope, key, label, f]) => [
        scope,
        key ?? '',
        label,
        ...[
          f.interviews,
          f.coached,
          f.funnel.delivered,
          f.funnel.pageOpened,
          f.funnel.draftCopiedOrMailOpened,
          f.funnel.sent,
          f.onTime,
          f.fullCoverage,
          f.inWindow,
        ].map(String),
        percent(f.sendRate),
        percent(f.onTimeRate),
        percent(f.fullCoverageRate),
        hours(f.medianHoursToFirstNote),
        ...[f.texts.sent, f.texts.delivered, f.texts.failed].map(String),
      ]),
      [
        'Industry baseline',
        '',
        json.body.baseline.source,
        ...Array(9).fill(''),
        '24',
        ...Array(6).fill(''),
      ],
    ])
    expect(header).toEqual([
      'Scope',
      'ID',
      'Name',
      'Interviews',
      'Coached',
      'Email delivered',
      'Page opened',
      'Draft used',
      'Notes sent',
      'Sent on time',
      'Every interviewer thanked',
      'Still in the 24-hour window',
      'Send rate (%)',
      'On-time rate (%)',
      'Full-coverage rate (%)',
      'Median hours to first note',
      'Texts sent',
      'Texts delivered',
      'Texts failed',
    ])
    expect(rows[0]).toContain('80')
  })

  it("names recruiters by the agency's own ids", async () => {
    const csv = await get(`/v1/stats.csv?${range}&groupBy=recruiter`, manager.token)
    // interviews of no recruiter make a group of their own, without an id
    const recruiters = parseCsv(csv.text).filter((row) => row[0] === 'Recruiter' && row[1] !== '')
    expect(recruiters.length).toBeGreaterThan(0)
    const ids = await h.db.selectFrom('recruiters').select(['id', 'external_id']).execute()
    for (const row of recruiters) {
      expect(ids.some((r) => r.id === row[1])).toBe(false)
      expect(ids.some((r) => r.external_id === row[1])).toBe(true)
    }
  })

  it('keeps cells that start like a formula as text', async () => {
    const csv = await get(`/v1/stats.csv?${range}&groupBy=client`, laAgency.secretKey)
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
    const labels = parseCsv(csv.text).map((row) => row[2])
    expect(labels).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("http://evil.example","x")`,
        `'@Risky, Inc.`,
        `'+Plus Partners`,
        `'-Minus "Co"`,
      ]),
    )
    expect(csv.text).not.toMatch(/(^|,)[=+\-@]/m)
  })
})

describe('query count', () => {
  it('is the same for an empty, a small and a large agency', async () => {
    const empty = await createAgency(h)
    const big = await createAgency(h)
    await seedInterviews(big, 60)
    const countFor = async (path: string, token: string) => {
      const res = await get(path, token)
      expect(res.status, res.text).toBe(200)
      return res.headers.get('x-query-count')
    }
    const grouped = `/v1/stats?${range}&groupBy=client`
    const bigStats = await get(grouped, big.secretKey)
    expect(bigStats.body.totals).toMatchObject({ interviews: 60, coached: 60, onTime: 60 })
    // the agency's time zone, the days' counts, the interviews still in their window, and the
    // medians (none to read when no note went)
    expect(await countFor(grouped, empty.secretKey)).toBe('3')
    expect(await countFor(grouped, agency.secretKey)).toBe('4')
    expect(await countFor(grouped, big.secretKey)).toBe('4')
    expect(await countFor(`/v1/stats?${range}&groupBy=week`, rita.token)).toBe('4')
    // the CSV names recruiters by the agency's own ids: one more read, whatever the size
    expect(await countFor(`/v1/stats.csv?${range}&groupBy=recruiter`, big.secretKey)).toBe('5')
    expect(await countFor(`/v1/stats.csv?${range}&groupBy=client`, big.secretKey)).toBe('4')
    expect(await countFor(`/v1/stats?${range}`, big.secretKey)).toBe('4')
  })
})

/** Many coached interviews in the fixture's first week, written in a handful of inserts. */
async function seedInterviews(target: TestAgency, n: number) {
  const candidates = await h.db
    .insertInto('candidates')
    .values(
      Array.from({ length: n }, (_, i) => ({
        agency_id: target.id,
        email: `bulk${i}@example.com`,
      })),
    )
    .returning('id')
    .execute()
  const interviews = await h.db
    .insertInto('interviews')
    .values(
      candidates.map((c, i) => ({
        agency_id: target.id,
        candidate_id: c.id,
        candidate_name: `Bulk ${i}`,
        role_title: 'Analyst',
        client_company: `Client ${i % 7}`,
        starts_at: at(i % 20, 9),
        ends_at: at(i % 20, 10),
        duration_minutes: 60,
        format: 'video' as const,
      })),
    )
    .returning(['id', 'ends_at'])
    .execute()
  await h.db
    .insertInto('interviewers')
    .values(
      interviews.flatMap((iv) =>
        [0, 1].map((position) => ({
          interview_id: iv.id,
          position,
          name: `Person ${position}`,
          note_sent_at: position === 0 ? new Date(iv.ends_at.getTime() + 3 * hour) : null,
        })),
      ),
    )
    .execute()
  await h.db
    .insertInto('emails')
    .values(
      interviews.map((iv) => ({
        agency_id: target.id,
        interview_id: iv.id,
        kind: 'coaching' as const,
        state: 'sent' as const,
        next_attempt_at: iv.ends_at,
      })),
    )
    .execute()
  await h.db
    .insertInto('events')
    .values(
      interviews.flatMap((iv) =>
        (['delivered', 'page_opened'] as const).map((type) => ({
          agency_id: target.id,
          interview_id: iv.id,
          type,
          occurred_at: iv.ends_at,
        })),
      ),
    )
    .execute()
}
