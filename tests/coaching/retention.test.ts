import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  coachingLinkOf,
  createAgency,
  logInterview,
  runCron,
  type TestAgency,
} from '../support/factories'
import { columnsContaining } from '../support/database'
import { useAgency, useHarness } from '../support/lifecycle'

// Mail is captured (no RESEND_API_KEY), so each coaching email and its link are read from the
// outbox. The API takes interviews of the last 14 days only, so the clock is moved instead: the
// nightly cron runs 360 days from now, when an interview of 13 days ago is past the default
// 365-day retention and one of today is not.

const nightly = '30 3 * * *'
const day = 24 * 3_600_000
const now = Date.now()
const purgeAt = new Date(now + 360 * day)
const daysAgo = (days: number) => new Date(now - days * day - 3_600_000).toISOString()

const h = useHarness()
const agency = useAgency(h)
const patient = useAgency(h, { retentionDays: 730 })

interface Coached {
  id: string
  candidateId: string
  token: string
  interviewerIds: string[]
}

/** Logs an interview and waits for its coaching email to be captured, for the link it carries. */
async function coached(target: TestAgency, overrides: Record<string, unknown>): Promise<Coached> {
  const interview = await logInterview(h, target.secretKey, overrides)
  for (let tries = 0; ; tries++) {
    const email = await h.db
      .selectFrom('emails')
      .select(['state', 'message'])
      .where('interview_id', '=', interview.id)
      .where('kind', '=', 'coaching')
      .executeTakeFirstOrThrow()
    if (email.state === 'captured') {
      const row = await h.db
        .selectFrom('interviews')
        .select('candidate_id')
        .where('id', '=', interview.id)
        .executeTakeFirstOrThrow()
      return {
        id: interview.id,
        candidateId: row.candidate_id,
        token: await coachingLinkOf(h, interview.id),
        interviewerIds: interview.interviewers.map((p: { id: string }) => p.id),
      }
    }
    if (tries > 100) throw new Error(`coaching email stuck in ${email.state}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** What the candidate does on their page: opens it, drafts a note, marks it sent. */
async function useThePage(interview: Coached, draft: string) {
  const [first] = interview.interviewerIds
  expect((await h.request('GET', `/c/${interview.token}`)).status).toBe(200)
  const saved = await h.request('PUT', `/c/${interview.token}/drafts/${first}`, {
    json: { body: draft },
  })
  expect(saved.status).toBe(200)
  const sent = await h.request('POST', `/c/${interview.token}/events`, {
    json: { type: 'sent', interviewerId: first },
  })
  expect(sent.status).toBe(200)
}

async function interviewState(id: string) {
  const interview = await h.db
    .selectFrom('interviews as i')
    .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
    .select([
      'i.talking_points',
      'i.forgotten_at',
      'i.candidate_name as name',
      'c.email',
      'c.erased_at',
    ])
    .where('i.id', '=', id)
    .executeTakeFirstOrThrow()
  const rowsOf = (table: 'coaching_links' | 'drafts' | 'events') =>
    h.db.selectFrom(table).selectAll().where('interview_id', '=', id).execute()
  return {
    ...interview,
    interviewers: await h.db
      .selectFrom('interviewers')
      .select(['name', 'title', 'email', 'note_sent_at'])
      .where('interview_id', '=', id)
      .orderBy('position')
      .execute(),
    emails: await h.db
      .selectFrom('emails')
      .select(['kind', 'state', 'message'])
      .where('interview_id', '=', id)
      .orderBy('kind')
      .execute(),
    links: await rowsOf('coaching_links'),
    drafts: await rowsOf('drafts'),
    events: await rowsOf('events'),
  }
}

/** Every row a purge could touch, in a stable order, to compare one run with the next. */
async function everything() {
  const tables = [
    'agencies',
    'candidates',
    'interviews',
    'interviewers',
    'coaching_links',
    'drafts',
    'emails',
    'events',
    'suppressions',
  ] as const
  const snapshot: Record<string, unknown[]> = {}
  for (const table of tables) {
    snapshot[table] = (
      await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(h.db)
    ).rows
      .map((r) => r.row)
      .sort()
  }
  return snapshot
}

const stats = async () => {
  const res = await h.request(
    'GET',
    `/v1/stats?from=${daysAgo(15).slice(0, 10)}&to=${new Date(now).toISOString().slice(0, 10)}&groupBy=client`,
    { token: agency.secretKey },
  )
  expect(res.status, res.text).toBe(200)
  return res.body
}

describe('retentionDays', () => {
  it('is 365 days unless set, and PATCH changes it within 30 to 3650 days', async () => {
    const own = await createAgency(h)
    const read = await h.request('GET', '/v1/agency', { token: own.secretKey })
    expect(read.body.retentionDays).toBe(365)
    const row = await h.db
      .selectFrom('agencies')
      .select('retention_days')
      .where('id', '=', own.id)
      .executeTakeFirstOrThrow()
    expect(row.retention_days).toBe(365)

    for (const retentionDays of [29, 3651, 'abc', 90.5]) {
      const res = await h.request('PATCH', '/v1/agency', {
        token: own.secretKey,
        json: { retentionDays },
      })
      expect(res.status, `retentionDays ${retentionDays}`).toBe(400)
      expect(res.body.error).toMatchObject({
        code: 'validation_failed',
        message: expect.any(String),
        details: [{ path: 'retentionDays', message: expect.any(String) }],
        requestId: res.headers.get('x-request-id'),
      })
    }
    const patched = await h.request('PATCH', '/v1/agency', {
      token: own.secretKey,
      json: { retentionDays: 30 },
    })
    expect(patched.status).toBe(200)
    expect(patched.body.retentionDays).toBe(30)
    const again = await h.request('GET', '/v1/agency', { token: own.secretKey })
    expect(again.body.retentionDays).toBe(30)
    const longest = await h.request('PATCH', '/v1/agency', {
      token: own.secretKey,
      json: { retentionDays: 3650 },
    })
    expect(longest.body.retentionDays).toBe(3650)
  })

  it('can be set when the agency is created', async () => {
    const created = await createAgency(h, { retentionDays: 730 })
    const read = await h.request('GET', '/v1/agency', { token: created.secretKey })
    expect(read.body.retentionDays).toBe(730)
  })
})

describe('the nightly retention purge', () => {
  let old: Coached
  let queued: Coached
  let recent: Coached
  let mixedOld: Coached
  let mixedRecent: Coached
  let patients: Coached
  let statsBefore: unknown
  let statsAfter: unknown

  beforeAll(async () => {
    old = await coached(agency, {
      candidate: { name: 'Ottilie Vasquez-Brannigan', email: 'ottilie.vb@example.org' },
      clientCompany: 'Initech',
      startsAt: daysAgo(13),
      interviewers: [
        { name: 'Magnus Threlkeld', title: 'CTO', email: 'magnus@initech.example' },
        { name: 'Wen Abernathy-Sole', title: 'Staff Engineer' },
      ],
      talkingPoints: 'Ottilie rebuilt the billing pipeline at her last job.',
    })
    await useThePage(old, 'Dear Magnus, thank you for the talk about the Kestrel rewrite.')
    // she unsubscribes: the suppression must outlive her data
    const unsubscribed = await h.request('POST', `/u/${old.token}`, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(unsubscribed.status).toBe(200)

    queued = await coached(agency, { startsAt: daysAgo(12), clientCompany: 'Globex' })
    // a coaching email still waiting for a retry when the period ends
    await h.db
      .updateTable('emails')
      .set({ state: 'queued', next_attempt_at: purgeAt })
      .where('interview_id', '=', queued.id)
      .execute()

    recent = await coached(agency, {
      candidate: { name: 'Bea Recent', email: 'bea.recent@example.org' },
      clientCompany: 'Globex',
    })
    await useThePage(recent, 'Dear Priya, thank you for your time today.')

    const mixed = { name: 'Cyrus Twice', email: 'cyrus.twice@example.org' }
    mixedOld = await coached(agency, {
      candidate: mixed,
      startsAt: daysAgo(11),
      clientCompany: 'Umbrella',
    })
    await useThePage(mixedOld, 'Dear Priya, the old one.')
    mixedRecent = await coached(agency, { candidate: mixed, clientCompany: 'Umbrella' })

    patients = await coached(patient, {
      candidate: { name: 'Pat Keeps', email: 'pat.keeps@example.org' },
      startsAt: daysAgo(13),
    })
    await useThePage(patients, 'Dear Priya, kept for two years.')

    statsBefore = await stats()
    await runCron(h, purgeAt, nightly)
    statsAfter = await stats()
  })

  it('leaves no trace of a candidate whose interviews are all past it, but honours her unsubscribe', async () => {
    for (const needle of ['ottilie', 'Vasquez-Brannigan', 'Magnus', 'Abernathy', 'Kestrel']) {
      expect(await columnsContaining(h.db, needle), needle).toEqual([])
    }
    const state = await interviewState(old.id)
    expect(state).toMatchObject({
      talking_points: null,
      forgotten_at: purgeAt,
      name: null,
      email: null,
      erased_at: purgeAt,
      links: [],
      drafts: [],
    })
    expect(state.interviewers).toEqual([
      { name: 'Interviewer 1', title: null, email: null, note_sent_at: expect.any(Date) },
      { name: 'Interviewer 2', title: null, email: null, note_sent_at: null },
    ])
    expect(state.emails.map((e) => e.message)).toEqual(state.emails.map(() => null))
    expect(state.events.length).toBeGreaterThan(0)

    expect((await h.request('GET', `/c/${old.token}`)).status).toBe(404)
    const read = await h.request('GET', `/v1/interviews/${old.id}`, { token: agency.secretKey })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({
      candidate: null,
      talkingPoints: null,
      clientCompany: 'Initech',
      coaching: { notesSent: 1, notesTotal: 2 },
    })
    // the address survives only as a hash in suppressions, which still stops her mail
    const again = await logInterview(h, agency.secretKey, {
      candidate: { name: 'Ottilie Again', email: 'ottilie.vb@example.org' },
    })
    const email = await h.db
      .selectFrom('emails')
      .select('state')
      .where('interview_id', '=', again.id)
      .where('kind', '=', 'coaching')
      .executeTakeFirstOrThrow()
    expect(email.state).toBe('skipped')
  })

  it('cancels mail that was still to go', async () => {
    const state = await interviewState(queued.id)
    expect(state.forgotten_at).toEqual(purgeAt)
    expect(state.emails.find((e) => e.kind === 'coaching')).toEqual({
      kind: 'coaching',
      state: 'canceled',
      message: null,
    })
  })

  it('keeps everything of an interview inside the period', async () => {
    const state = await interviewState(recent.id)
    expect(state).toMatchObject({
      talking_points: expect.stringContaining('dbt'),
      forgotten_at: null,
      name: 'Bea Recent',
      email: 'bea.recent@example.org',
      erased_at: null,
    })
    expect(state.interviewers[0]).toMatchObject({
      name: 'Priya Natarajan',
      title: expect.any(String),
    })
    expect(state.links).toHaveLength(1)
    expect(state.drafts).toHaveLength(1)
    expect(state.emails.every((e) => e.message !== null)).toBe(true)
    expect((await h.request('GET', `/c/${recent.token}`)).status).toBe(200)
  })

  it('keeps the email of a candidate with a recent interview, and the name on that one only', async () => {
    const before = await interviewState(mixedOld.id)
    expect(before).toMatchObject({
      talking_points: null,
      links: [],
      drafts: [],
      // the name belongs to each interview: the old one's is forgotten with it
      name: null,
      email: 'cyrus.twice@example.org',
      erased_at: null,
    })
    expect(mixedOld.candidateId).toBe(mixedRecent.candidateId)
    expect((await h.request('GET', `/c/${mixedOld.token}`)).status).toBe(404)
    expect((await h.request('GET', `/c/${mixedRecent.token}`)).status).toBe(200)
    const read = await h.request('GET', `/v1/interviews/${mixedRecent.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.candidate).toEqual({
      name: 'Cyrus Twice',
      email: 'cyrus.twice@example.org',
      preferredName: null,
      language: 'en',
      timeZone: null,
    })
  })

  it('answers the same stats before and after', () => {
    expect(statsBefore).toMatchObject({
      totals: { interviews: 5, coached: 4, funnel: { pageOpened: 3, sent: 3 } },
    })
    expect(statsAfter).toEqual(statsBefore)
  })

  it('leaves an agency with a longer period alone', async () => {
    const state = await interviewState(patients.id)
    expect(state).toMatchObject({
      talking_points: expect.any(String),
      forgotten_at: null,
      name: 'Pat Keeps',
      erased_at: null,
    })
    expect(state.links).toHaveLength(1)
    expect(state.drafts).toHaveLength(1)
    expect((await h.request('GET', `/c/${patients.token}`)).status).toBe(200)
  })

  it('changes nothing when it runs again the next night', async () => {
    const before = await everything()
    await runCron(h, new Date(purgeAt.getTime() + day), nightly)
    expect(await everything()).toEqual(before)
  })
})
