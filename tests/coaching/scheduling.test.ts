import { describe, expect, it } from 'vitest'
import {
  coachingLinkOf,
  createSession,
  interviewBody,
  logInterview,
  runCron,
} from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import { useAgency, useFakeResend, useHarness } from '../support/lifecycle'

// Interviews logged ahead of time: the coaching email waits for the end (plus the agency's
// delay), the interview can be moved or corrected until that email goes, and canceled.

const minute = 60_000
const hour = 60 * minute
const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))
const agency = useAgency(h, { coachingDelayMinutes: 30 })
const other = useAgency(h)

const ahead = (ms: number) => new Date(Date.now() + ms).toISOString()

async function emailsOf(interviewId: string) {
  return h.db
    .selectFrom('emails')
    .select(['kind', 'state', 'next_attempt_at', 'attempts'])
    .where('interview_id', '=', interviewId)
    .orderBy('kind')
    .execute()
}

const sentTo = (address: string) => fake.sent.filter((e) => e.to.includes(address))

describe('scheduled interviews', () => {
  it('waits for the end plus the delay, then the cron sends the coaching email once', async () => {
    fake.reset()
    const startsAt = ahead(2 * hour)
    const interview = await logInterview(h, agency.secretKey, { startsAt, durationMinutes: 60 })
    const endsAt = Date.parse(startsAt) + hour
    expect(interview.coaching).toMatchObject({
      status: 'scheduled',
      email: 'queued',
      emailDueAt: new Date(endsAt + 30 * minute).toISOString(),
    })
    const address = interview.candidate.email

    await runCron(h, new Date(endsAt + 29 * minute))
    expect(sentTo(address)).toHaveLength(0)
    await runCron(h, new Date(endsAt + 31 * minute))
    await runCron(h, new Date(endsAt + 32 * minute))
    expect(sentTo(address)).toHaveLength(1)
    expect(sentTo(address)[0]!.subject).toBeTruthy()
    const reminder = (await emailsOf(interview.id)).find((e) => e.kind === 'reminder')!
    expect(reminder.next_attempt_at.getTime()).toBe(endsAt + 18 * hour)
  })

  it('sends at once when the interview is logged after its end and delay', async () => {
    fake.reset()
    const interview = await logInterview(h, agency.secretKey, {
      startsAt: ahead(-3 * hour),
      durationMinutes: 60,
    })
    await fake.waitForEmails(1)
    expect(sentTo(interview.candidate.email)).toHaveLength(1)
  })

  it('accepts interviews up to 180 days ahead and refuses further', async () => {
    await logInterview(h, agency.secretKey, { startsAt: ahead(179 * 24 * hour) })
    const res = await h.request('POST', '/v1/interviews', {
      token: agency.secretKey,
      json: interviewBody({ startsAt: ahead(181 * 24 * hour) }),
    })
    expect(res.status).toBe(400)
    expect(res.body.error.details).toEqual([
      { path: 'startsAt', message: 'Schedule interviews at most 180 days ahead.' },
    ])
  })
})

describe('PATCH /v1/interviews/:id', () => {
  it('moves the queued messages with a reschedule and replaces the interviewers', async () => {
    const interview = await logInterview(h, agency.secretKey, { startsAt: ahead(24 * hour) })
    const startsAt = ahead(48 * hour)
    const res = await h.request('PATCH', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
      json: {
        startsAt,
        durationMinutes: 30,
        interviewers: [{ name: 'Ines Duarte', title: 'Engineering Manager' }],
        talkingPoints: null,
      },
    })
    expect(res.status, res.text).toBe(200)
    const endsAt = Date.parse(startsAt) + 30 * minute
    expect(res.body).toMatchObject({
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      durationMinutes: 30,
      talkingPoints: null,
      interviewers: [{ name: 'Ines Duarte', title: 'Engineering Manager', email: null }],
    })
    expect(res.body.updatedAt).not.toBeNull()
    expect(res.body.coaching).toMatchObject({
      status: 'scheduled',
      emailDueAt: new Date(endsAt + 30 * minute).toISOString(),
      notesTotal: 1,
    })
    const mail = await emailsOf(interview.id)
    expect(mail.map((e) => [e.kind, e.state])).toEqual([
      ['coaching', 'queued'],
      ['reminder', 'queued'],
    ])
    expect(mail[0]!.next_attempt_at.getTime()).toBe(endsAt + 30 * minute)
    expect(mail[1]!.next_attempt_at.getTime()).toBe(endsAt + 18 * hour)
  })

  it('moved into the past, the coaching email goes at once, with the new details', async () => {
    fake.reset()
    const interview = await logInterview(h, agency.secretKey, { startsAt: ahead(24 * hour) })
    const res = await h.request('PATCH', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
      json: { startsAt: ahead(-2 * hour), clientCompany: 'Initech' },
    })
    expect(res.status, res.text).toBe(200)
    const [email] = await fake.waitForEmails(1)
    expect(email!.to).toContain(interview.candidate.email)
    expect(email!.text).toContain('Initech')
  })

  it('is refused once the coaching email has gone, and changes nothing', async () => {
    fake.reset()
    const interview = await logInterview(h, agency.secretKey)
    await fake.waitForEmails(1)
    for (let i = 0; i < 50; i++) {
      if ((await emailsOf(interview.id)).some((e) => e.attempts > 0)) break
      await new Promise((r) => setTimeout(r, 50))
    }
    const res = await h.request('PATCH', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
      json: { roleTitle: 'Something else' },
    })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/already gone/)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.roleTitle).toBe(interview.roleTitle)
  })

  it('answers bad patches with field errors, and other callers with 404', async () => {
    const interview = await logInterview(h, agency.secretKey, { startsAt: ahead(24 * hour) })
    const path = `/v1/interviews/${interview.id}`
    const cases: [unknown, string][] = [
      [{}, ''],
      [{ durationMinutes: 1 }, 'durationMinutes'],
      [{ startsAt: ahead(200 * 24 * hour) }, 'startsAt'],
      [{ interviewers: [] }, 'interviewers'],
      [{ candidate: { name: 'X', email: 'x@example.com' } }, 'candidate'],
    ]
    for (const [json, field] of cases) {
      const res = await h.request('PATCH', path, { token: agency.secretKey, json })
      expect(res.status, JSON.stringify(json)).toBe(400)
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field)
    }
    const foreign = await h.request('PATCH', path, {
      token: other.secretKey,
      json: { roleTitle: 'Hijacked' },
    })
    expect(foreign.status).toBe(404)
    const recruiter = await createSession(h, agency, {
      externalId: 'someone-else',
      role: 'recruiter',
    })
    const notTheirs = await h.request('POST', `${path}/cancel`, { token: recruiter.token })
    expect(notTheirs.status).toBe(404)
    expect((await emailsOf(interview.id)).every((e) => e.state === 'queued')).toBe(true)
  })
})

describe('a change racing the send', () => {
  it('either the change lands and the email carries it, or it is refused: one email either way', async () => {
    fake.reset()
    const outcomes = { changed: 0, refused: 0 }
    for (let round = 0; round < 12; round++) {
      const startsAt = ahead(hour)
      const interview = await logInterview(h, agency.secretKey, { startsAt, durationMinutes: 30 })
      const due = new Date(Date.parse(startsAt) + 61 * minute)
      const [patch] = await Promise.all([
        h.request('PATCH', `/v1/interviews/${interview.id}`, {
          token: agency.secretKey,
          json: { clientCompany: `Moved ${round}` },
        }),
        runCron(h, due),
      ])
      await runCron(h, new Date(due.getTime() + minute))
      const mail = sentTo(interview.candidate.email)
      expect(mail, `round ${round}`).toHaveLength(1)
      if (patch.status === 200) {
        outcomes.changed += 1
        expect(mail[0]!.text).toContain(`Moved ${round}`)
      } else {
        outcomes.refused += 1
        expect(patch.status, patch.text).toBe(409)
        expect(mail[0]!.text).not.toContain(`Moved ${round}`)
      }
    }
    expect(outcomes.changed + outcomes.refused).toBe(12)
  })
})

describe('POST /v1/interviews/:id/cancel', () => {
  it('cancels what was queued, shows canceled, leaves the stats, and a repeat is harmless', async () => {
    fake.reset()
    const interview = await logInterview(h, agency.secretKey, {
      startsAt: ahead(3 * hour),
      clientCompany: 'Canceled Co',
    })
    const path = `/v1/interviews/${interview.id}/cancel`
    const first = await h.request('POST', path, { token: agency.secretKey })
    expect(first.status, first.text).toBe(200)
    expect(first.body.coaching.status).toBe('canceled')
    expect(first.body.canceledAt).not.toBeNull()
    const again = await h.request('POST', path, { token: agency.secretKey })
    expect(again.status).toBe(200)
    expect(again.body.canceledAt).toBe(first.body.canceledAt)
    expect((await emailsOf(interview.id)).map((e) => e.state)).toEqual(['canceled', 'canceled'])

    await runCron(h, new Date(Date.now() + 10 * hour))
    expect(sentTo(interview.candidate.email)).toHaveLength(0)

    const listed = await h.request('GET', '/v1/interviews?status=canceled', {
      token: agency.secretKey,
    })
    expect(listed.body.data.map((i: { id: string }) => i.id)).toContain(interview.id)
    const day = new Date().toISOString().slice(0, 10)
    const inTwoDays = ahead(2 * 24 * hour).slice(0, 10)
    const stats = await h.request('GET', `/v1/stats?from=${day}&to=${inTwoDays}&groupBy=client`, {
      token: agency.secretKey,
    })
    expect(stats.body.groups.map((g: { key: string }) => g.key)).not.toContain('Canceled Co')

    const patch = await h.request('PATCH', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
      json: { roleTitle: 'Anything' },
    })
    expect(patch.status).toBe(409)
  })
})

describe("a canceled interview's candidate link", () => {
  it('says the interview was canceled and takes no more notes', async () => {
    const interview = await logInterview(h, agency.secretKey)
    const token = await coachingLinkOf(h, interview.id)
    await h.request('POST', `/v1/interviews/${interview.id}/cancel`, { token: agency.secretKey })
    const page = await h.request('GET', `/c/${token}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('This interview was canceled')
    expect(page.text).not.toContain(interview.interviewers[0].name)
    const interviewerId = interview.interviewers[0].id
    const refused = [
      await h.request('POST', `/c/${token}/events`, { json: { type: 'sent', interviewerId } }),
      await h.request('PUT', `/c/${token}/drafts/${interviewerId}`, { json: { body: 'Thanks' } }),
    ]
    expect(refused.map((r) => r.status)).toEqual([409, 409])
    const marked = await h.db
      .selectFrom('interviewers')
      .select('note_sent_at')
      .where('id', '=', interviewerId)
      .executeTakeFirstOrThrow()
    expect(marked.note_sent_at).toBeNull()
  })
})

describe('externalRef', () => {
  it('maps one reference to one interview, per agency and system, however often it is sent', async () => {
    const externalRef = { system: 'bullhorn', id: 'appointment-1001' }
    const first = await logInterview(h, agency.secretKey, { externalRef })
    expect(first.externalRef).toEqual(externalRef)
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.request('POST', '/v1/interviews', {
          token: agency.secretKey,
          json: interviewBody({ externalRef }),
        }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(409))
    expect(results[0]!.body.error.message).toContain(first.id)
    // the same id in another system, or in another agency, is another interview
    await logInterview(h, agency.secretKey, { externalRef: { ...externalRef, system: 'lever' } })
    await logInterview(h, other.secretKey, { externalRef })
    const found = await h.request(
      'GET',
      `/v1/interviews?externalSystem=bullhorn&externalId=appointment-1001`,
      { token: agency.secretKey },
    )
    expect(found.body.data.map((i: { id: string }) => i.id)).toEqual([first.id])
  })

  it('racing creates of one reference make exactly one interview', async () => {
    for (let round = 0; round < 5; round++) {
      const externalRef = { system: 'greenhouse', id: `race-${round}` }
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          h.request('POST', '/v1/interviews', {
            token: agency.secretKey,
            json: interviewBody({ externalRef }),
          }),
        ),
      )
      const statuses = results.map((r) => r.status).sort()
      expect(statuses).toEqual([201, ...Array(9).fill(409)])
      const rows = await h.db
        .selectFrom('interviews')
        .select('id')
        .where('external_id', '=', externalRef.id)
        .execute()
      expect(rows).toHaveLength(1)
    }
  })

  it('refuses malformed references', async () => {
    for (const externalRef of [{ system: 'Bull Horn', id: '1' }, { system: 'x' }, 'x']) {
      const res = await h.request('POST', '/v1/interviews', {
        token: agency.secretKey,
        json: interviewBody({ externalRef }),
      })
      expect(res.status, JSON.stringify(externalRef)).toBe(400)
    }
  })
})

describe('POST /v1/interviews/:id/outcome', () => {
  it('records the latest stage, and refuses bad stages, canceled interviews and other callers', async () => {
    const interview = await logInterview(h, agency.secretKey)
    const path = `/v1/interviews/${interview.id}/outcome`
    const advanced = await h.request('POST', path, {
      token: agency.secretKey,
      json: { stage: 'advanced' },
    })
    expect(advanced.status, advanced.text).toBe(200)
    expect(advanced.body.outcome).toMatchObject({ stage: 'advanced' })
    const hired = await h.request('POST', path, {
      token: agency.secretKey,
      json: { stage: 'hired' },
    })
    expect(hired.body.outcome.stage).toBe('hired')
    // a report of an earlier time, arriving late, leaves the newer outcome
    const earlier = await h.request('POST', path, {
      token: agency.secretKey,
      json: { stage: 'rejected', at: ahead(-hour) },
    })
    expect(earlier.status).toBe(200)
    expect(earlier.body.outcome.stage).toBe('hired')
    const future = await h.request('POST', path, {
      token: agency.secretKey,
      json: { stage: 'offer', at: ahead(hour) },
    })
    expect(future.status).toBe(400)
    expect(future.body.error.details).toEqual([
      { path: 'at', message: 'Must not be in the future.' },
    ])

    for (const json of [{ stage: 'promoted' }, {}, { stage: 'hired', extra: 1 }]) {
      const res = await h.request('POST', path, { token: agency.secretKey, json })
      expect(res.status, JSON.stringify(json)).toBe(400)
    }
    const foreign = await h.request('POST', path, {
      token: other.secretKey,
      json: { stage: 'rejected' },
    })
    expect(foreign.status).toBe(404)
    const recruiter = await createSession(h, agency, { externalId: 'not-the-owner' })
    const notTheirs = await h.request('POST', path, {
      token: recruiter.token,
      json: { stage: 'rejected' },
    })
    expect(notTheirs.status).toBe(404)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.outcome.stage).toBe('hired')

    const scheduled = await logInterview(h, agency.secretKey, { startsAt: ahead(5 * hour) })
    await h.request('POST', `/v1/interviews/${scheduled.id}/cancel`, { token: agency.secretKey })
    const canceled = await h.request('POST', `/v1/interviews/${scheduled.id}/outcome`, {
      token: agency.secretKey,
      json: { stage: 'hired' },
    })
    expect(canceled.status).toBe(409)
  })
})
