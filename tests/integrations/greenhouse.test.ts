import { acceptanceSize } from '../support/acceptance'
import { beforeEach, describe, expect, it } from 'vitest'
import { coachingLinkOf, createAgency, createSession, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import {
  createGreenhouseIntegration,
  deliverGreenhouse,
  greenhouseBindings,
  greenhouseCredentials,
  recruiterIdOf,
  scheduleInGreenhouse,
  useFakeGreenhouse,
} from '../support/greenhouse'
import { greenhousePayloads, type GreenhouseUser } from '../support/fake-greenhouse'
import { agencyRowsDigest } from '../support/integrations'
import { seededRandom } from '../support/fake-ats/server'
import {
  checkGreenhouseRun,
  markAndWriteBack,
  runGreenhouseScenario,
  type ScenarioResult,
} from '../support/greenhouse-run'
import { useFakeResend, useHarness } from '../support/lifecycle'

// Greenhouse as an agency uses it: its web hooks reach the integration, the worker reads the
// interviews from Harvest (the fake on loopback), and the coaching email goes at the interview's
// end. Greenhouse sends no web hook when an interview is scheduled or moved, only application
// events and interview_deleted, so those are what these tests send.

const minute = 60_000
const hour = 60 * minute
const resend = useFakeResend()
const fake = useFakeGreenhouse()
const h = useHarness(() => ({ ...resendBindings(resend), ...greenhouseBindings(fake) }))

// every integration reads the one fake Greenhouse, and the cron polls each of them: those of
// earlier tests go, with the fake's records, so no poll imports one test's interviews in another
beforeEach(async () => {
  await h.db.deleteFrom('integrations').where('provider', '=', 'greenhouse').execute()
  fake.reset()
})

/** An agency on Greenhouse; its interviews are organized by `recruiters` users in turn. */
async function world(settings?: Record<string, unknown>, recruiters = 1) {
  const agency = await createAgency(h)
  const organizers: GreenhouseUser[] = []
  for (let i = 0; i < recruiters; i++) {
    const organizer = fake.addUser({ first_name: 'Rita', last_name: `Recruiter${i}` })
    await createSession(h, agency, { externalId: recruiterIdOf(organizer), name: organizer.name })
    organizers.push(organizer)
  }
  const { integration, writer } = await createGreenhouseIntegration(h, agency, fake, settings)
  let scheduled = 0
  const schedule = (startsAt: Date, options: Parameters<typeof scheduleInGreenhouse>[2] = {}) => {
    const organizer = organizers[scheduled++ % organizers.length]
    return scheduleInGreenhouse(fake, startsAt, {
      ...options,
      overrides: { organizer, ...options.overrides },
    })
  }
  return { agency, organizer: organizers[0]!, integration, writer, schedule }
}

async function interviewOf(agency: { secretKey: string }, scheduledInterviewId: number) {
  const res = await h.request(
    'GET',
    `/v1/interviews?externalSystem=greenhouse&externalId=${scheduledInterviewId}`,
    { token: agency.secretKey },
  )
  expect(res.status, res.text).toBe(200)
  return res.body.data as any[]
}

const later = (minutes: number) => new Date(Date.now() + minutes * minute)

const coachingTo = (address: string) =>
  resend.sent.filter(
    (e) =>
      e.to.includes(address) && e.tags.some((t) => t.name === 'kind' && t.value === 'coaching'),
  ).length

describe('greenhouse integration', () => {
  it('refuses credentials it cannot use', async () => {
    const agency = await createAgency(h)
    const res = await h.request('POST', '/v1/integrations', {
      token: agency.secretKey,
      // a Harvest v1 API key, which Greenhouse no longer takes
      json: { provider: 'greenhouse', credentials: { harvestApiKey: 'a-v1-harvest-key' } },
    })
    expect(res.status).toBe(400)
    expect(res.text).toContain('credentials.clientId')
    const settings = await h.request('POST', '/v1/integrations', {
      token: agency.secretKey,
      json: {
        provider: 'greenhouse',
        credentials: greenhouseCredentials(fake),
        settings: { clientCompany: '' },
      },
    })
    expect(settings.status).toBe(400)
    expect(settings.text).toContain('settings.clientCompany')
  })

  it('schedules the interview a web hook names, with its fields, and coaches at its end', async () => {
    const { agency, organizer, integration, writer } = await world()
    const startsAt = new Date(Date.now() + 2 * hour)
    const record = scheduleInGreenhouse(fake, startsAt, { overrides: { organizer } })
    const ping = await deliverGreenhouse(h, integration, 'ping', greenhousePayloads.ping())
    expect(ping.body).toEqual({ result: 'ignored', reason: expect.stringContaining('ping') })

    const res = await deliverGreenhouse(h, integration, 'application_updated', record.payload())
    expect(res.status, res.text).toBe(200)
    expect(res.body.result).toBe('created')
    const [interview] = await interviewOf(agency, record.interview.id)
    expect(interview).toMatchObject({
      candidate: { name: record.name, email: record.email },
      roleTitle: 'Warehouse Supervisor',
      clientCompany: 'Initech',
      startsAt: startsAt.toISOString(),
      durationMinutes: 45,
      format: 'onsite',
      interviewers: [{ name: 'Hugo Reyes', email: 'hugo.reyes@example.com' }],
      externalRef: { system: 'greenhouse', id: String(record.interview.id) },
    })
    expect(interview.recruiter?.name).toBe(organizer.name)
    const reads = fake.calls.map((c) => `${c.method} ${c.path}?${c.query}`)
    expect(reads).toContain(
      `GET /v3/interviews?application_ids=${record.application.id}&per_page=500`,
    )

    const endsAt = startsAt.getTime() + 45 * minute
    await runCron(h, new Date(endsAt - minute))
    expect(coachingTo(record.email!)).toBe(0)
    await runCron(h, new Date(endsAt + minute))
    await expect.poll(() => coachingTo(record.email!), { timeout: 10_000 }).toBe(1)

    // the candidate marks the note sent: one note on the candidate's activity feed
    const link = `/c/${await coachingLinkOf(h, interview.id)}`
    const mark = async (type: 'sent' | 'unsent') => {
      const res = await h.request('POST', `${link}/events`, {
        json: { type, interviewerId: interview.interviewers[0].id },
      })
      expect(res.status, res.text).toBe(200)
    }
    const notes = () => fake.notes.filter((note) => note.candidate_id === record.candidate.id)
    await mark('sent')
    await runCron(h, later(6))
    expect(notes()).toHaveLength(1)
    expect(notes()[0]).toMatchObject({
      body: expect.stringContaining('1 of 1 marked sent'),
      user_id: writer.id,
      application_id: record.application.id,
      visibility: 'publicly_visible',
    })
    expect(notes()[0]!.body).toContain(`Followthrough ref: ${interview.id}`)
    await runCron(h, later(30))
    expect(notes()).toHaveLength(1)

    // a write whose answer was lost: the next attempt finds the note by its marker
    await h.db
      .updateTable('write_backs')
      .set({ state: 'pending', due_at: new Date(), note_id: null, written_text: null })
      .where('interview_id', '=', interview.id)
      .execute()
    await runCron(h, later(35))
    expect(notes()).toHaveLength(1)
    const shown = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(shown.body.writeBack).toMatchObject({ state: 'written', error: null })

    // notes cannot be edited in Greenhouse: an undo is a short follow-up, written once
    await mark('unsent')
    await runCron(h, later(45))
    await runCron(h, later(60))
    expect(notes()).toHaveLength(2)
    expect(notes()[1]!.body).toMatch(/^Update to the earlier Followthrough note:\n/)
    expect(notes()[1]!.body).toContain('0 of 1 marked sent')
  })
  it('moves the interview when Greenhouse does, and cancels it on interview_deleted', async () => {
    const { agency, integration, schedule } = await world()
    const startsAt = new Date(Date.now() + 3 * hour)
    const record = schedule(startsAt)
    const first = await deliverGreenhouse(
      h,
      integration,
      'new_candidate_application',
      record.payload(),
    )
    expect(first.body.result).toBe('created')

    const movedTo = new Date(startsAt.getTime() + 90 * minute)
    fake.updateScheduledInterview(record.interview.id, {
      starts_at: movedTo.toISOString(),
      ends_at: new Date(movedTo.getTime() + 30 * minute).toISOString(),
      video_conferencing_url: 'https://meet.example.com/abc',
    })
    const moved = await deliverGreenhouse(h, integration, 'application_updated', record.payload())
    expect(moved.body.result).toBe('updated')
    const [after] = await interviewOf(agency, record.interview.id)
    expect(after).toMatchObject({
      startsAt: movedTo.toISOString(),
      durationMinutes: 30,
      format: 'video',
    })

    fake.removeScheduledInterview(record.interview.id)
    const deleted = greenhousePayloads.interviewDeleted(record.interview.id)
    const canceled = await deliverGreenhouse(h, integration, 'interview_deleted', deleted)
    expect(canceled.body).toMatchObject({ result: 'canceled', interviewId: after.id })
    const [gone] = await interviewOf(agency, record.interview.id)
    expect(gone.canceledAt).not.toBeNull()
    const again = await deliverGreenhouse(h, integration, 'interview_deleted', deleted)
    expect(again.body.result).toBe('duplicate')
  })

  it('applies a re-sent web hook once, and converges whatever order deliveries come in', async () => {
    const { agency, integration, schedule } = await world()
    const record = schedule(new Date(Date.now() + 4 * hour))
    const eventId = crypto.randomUUID()
    const payload = record.payload()
    const sent = await deliverGreenhouse(h, integration, 'application_updated', payload, {
      eventId,
    })
    expect(sent.body.result).toBe('created')
    const digest = await agencyRowsDigest(h, agency.id)
    const resent = await deliverGreenhouse(h, integration, 'application_updated', payload, {
      eventId,
    })
    expect(resent.body.result).toBe('duplicate')
    // another web hook about the same application, nothing changed: the same version, once
    const other = await deliverGreenhouse(h, integration, 'candidate_stage_change', payload)
    expect(other.body.result).toBe('duplicate')
    expect(await agencyRowsDigest(h, agency.id)).toBe(digest)

    // moved twice; the web hook of the first move arrives last and finds the newest version
    const later = new Date(Date.now() + 6 * hour)
    fake.updateScheduledInterview(record.interview.id, {
      starts_at: new Date(Date.now() + 5 * hour).toISOString(),
    })
    const firstMove = record.payload()
    fake.updateScheduledInterview(record.interview.id, {
      starts_at: later.toISOString(),
      ends_at: new Date(later.getTime() + 45 * minute).toISOString(),
    })
    const secondMove = await deliverGreenhouse(
      h,
      integration,
      'application_updated',
      record.payload(),
    )
    expect(secondMove.body.result).toBe('updated')
    const lateFirst = await deliverGreenhouse(h, integration, 'application_updated', firstMove)
    expect(lateFirst.body.result).toBe('duplicate')
    expect((await interviewOf(agency, record.interview.id))[0].startsAt).toBe(later.toISOString())

    // canceled before its scheduling web hook arrived: it never becomes an interview
    const short = schedule(new Date(Date.now() + 4 * hour))
    fake.removeScheduledInterview(short.interview.id)
    const deleted = greenhousePayloads.interviewDeleted(short.interview.id)
    expect((await deliverGreenhouse(h, integration, 'interview_deleted', deleted)).body).toEqual({
      result: 'canceled',
    })
    const late = await deliverGreenhouse(h, integration, 'application_updated', short.payload())
    expect(late.body.result).toBe('ignored')
    expect(await interviewOf(agency, short.interview.id)).toEqual([])
  })

  it('refuses a delivery not signed with the secret key, and changes nothing', async () => {
    const { agency, integration, schedule } = await world()
    const record = schedule(new Date(Date.now() + 2 * hour))
    const digest = await agencyRowsDigest(h, agency.id)
    const calls = fake.calls.length
    const forged = [
      { signature: null },
      { signature: 'sha256 ' + '0'.repeat(64) },
      { signature: 'sha1 abc' },
    ]
    for (const options of forged) {
      const res = await deliverGreenhouse(
        h,
        integration,
        'application_updated',
        record.payload(),
        options,
      )
      expect(res.status, res.text).toBe(401)
    }
    const otherSecret = { ...integration, signingSecret: 'not-the-secret-key' }
    const wrong = await deliverGreenhouse(h, otherSecret, 'application_updated', record.payload())
    expect(wrong.status).toBe(401)
    expect(await agencyRowsDigest(h, agency.id)).toBe(digest)
    expect(fake.calls.length).toBe(calls)

    // signed as Greenhouse signs: over the body with <, > and & escaped, as sent
    const escaped = record.payload()
    escaped.application.candidate.last_name = 'Austen <Jr> & Søn'
    const accepted = await deliverGreenhouse(h, integration, 'application_updated', escaped)
    expect(accepted.body.result, accepted.text).toBe('created')
    const [interview] = await interviewOf(agency, record.interview.id)
    expect(interview.candidate.name).toBe('Kate Austen <Jr> & Søn')
  })

  it('answers 503 while Harvest is down or rate limited, and takes the re-delivery', async () => {
    const { agency, integration, schedule } = await world()
    // a poll with nothing to find: the integration holds a Harvest token from here on
    await runCron(h, new Date())
    const record = schedule(new Date(Date.now() + 2 * hour))
    const eventId = crypto.randomUUID()
    const digest = await agencyRowsDigest(h, agency.id)
    // every try delivers the same event again, under the same id
    const redeliver = () =>
      deliverGreenhouse(h, integration, 'application_updated', record.payload(), { eventId })
    fake.down({ status: 502 })
    const down = await redeliver()
    expect(down.status, down.text).toBe(503)
    expect(down.headers.get('retry-after')).toBe('60')
    fake.up()
    fake.failNext({ status: 429, retryAfter: 7 }, { path: '/v3/' })
    const limited = await redeliver()
    expect(limited.status).toBe(503)
    expect(limited.headers.get('retry-after')).toBe('7')
    // a GET is tried twice: a single dropped connection is not enough to refuse the delivery
    fake.failNext({ drop: true }, { path: '/v3/' })
    fake.failNext({ drop: true }, { path: '/v3/' })
    const dropped = await redeliver()
    expect(dropped.status).toBe(503)
    expect(await agencyRowsDigest(h, agency.id)).toBe(digest)
    const redelivered = await redeliver()
    expect(redelivered.body.result).toBe('created')
  })

  it('shares one Harvest token across calls, and asks again when Greenhouse ends it', async () => {
    const { agency, integration, writer, schedule } = await world()
    const tokenCalls = () => fake.calls.filter((c) => c.path === '/token').length
    const before = tokenCalls()
    const deliver = (record: ReturnType<typeof schedule>) =>
      deliverGreenhouse(h, integration, 'application_updated', record.payload())
    // four web hooks at once, none holding a token yet: each may ask, all are served
    const first = Array.from({ length: 4 }, (_, i) =>
      schedule(new Date(Date.now() + (2 + i) * hour)),
    )
    const answers = await Promise.all(first.map(deliver))
    expect(answers.map((a) => a.body.result)).toEqual(['created', 'created', 'created', 'created'])
    const asked = tokenCalls() - before
    expect(asked).toBeGreaterThanOrEqual(1)
    expect(asked).toBeLessThanOrEqual(4)
    // from then on the stored one serves every call, acting as the user named
    for (let i = 0; i < 3; i++) {
      const res = await deliver(schedule(new Date(Date.now() + (7 + i) * hour)))
      expect(res.body.result).toBe('created')
    }
    expect(tokenCalls() - before).toBe(asked)
    expect(new Set([...fake.tokens.values()].map((t) => t.sub))).toEqual(new Set([writer.id]))
    // Greenhouse ends the token before its hour: the refused read is made again with a new one
    fake.expireTokens()
    const late = schedule(new Date(Date.now() + 11 * hour))
    expect((await deliver(late)).body.result).toBe('created')
    expect(tokenCalls() - before).toBe(asked + 1)
    expect(await interviewOf(agency, late.interview.id)).toHaveLength(1)
    // the token is kept sealed with the credentials, never in the clear
    const row = await h.db
      .selectFrom('integrations')
      .select('credentials_sealed')
      .where('id', '=', integration.id)
      .executeTakeFirstOrThrow()
    for (const token of fake.tokens.keys()) expect(row.credentials_sealed).not.toContain(token)
  })

  it('names an outside interviewer by address, Greenhouse knowing no name', async () => {
    const { agency, integration, schedule } = await world()
    const record = schedule(new Date(Date.now() + 2 * hour), {
      overrides: {
        interviewers: [
          { name: 'Hugo Reyes', email: 'hugo.reyes@example.com' },
          { email: 'dana.okafor@client.example' },
        ],
      },
    })
    const res = await deliverGreenhouse(h, integration, 'application_updated', record.payload())
    expect(res.body.result, res.text).toBe('created')
    const [interview] = await interviewOf(agency, record.interview.id)
    expect(interview.interviewers).toMatchObject([
      { name: 'Hugo Reyes', email: 'hugo.reyes@example.com' },
      { name: 'Dana Okafor', email: 'dana.okafor@client.example' },
    ])
  })

  it('records an interview it cannot log as ignored, with the reason, on the integration', async () => {
    const { agency, integration, schedule } = await world()
    const record = schedule(new Date(Date.now() + 2 * hour), { email: null })
    const res = await deliverGreenhouse(h, integration, 'application_updated', record.payload())
    expect(res.body).toEqual({
      result: 'ignored',
      reason: expect.stringContaining('candidate.email'),
    })
    const list = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(list.body.data[0]).toMatchObject({
      provider: 'greenhouse',
      lastError: expect.stringContaining('candidate.email'),
      counts: { created: 0, ignored: 1 },
    })
    expect(await interviewOf(agency, record.interview.id)).toEqual([])
  })

  it('shows a Harvest refusal on the integration, and a note Greenhouse will not take', async () => {
    const agency = await createAgency(h)
    const res = await h.request('POST', '/v1/integrations', {
      token: agency.secretKey,
      // a secret Greenhouse rotated away
      json: {
        provider: 'greenhouse',
        credentials: { ...greenhouseCredentials(fake), clientSecret: 'a-rotated-secret' },
        settings: { clientCompany: 'Initech' },
      },
    })
    const integration = { id: res.body.id, signingSecret: res.body.signingSecret }
    const record = scheduleInGreenhouse(fake, new Date(Date.now() + 2 * hour))
    const refused = await deliverGreenhouse(h, integration, 'application_updated', record.payload())
    expect(refused.body).toEqual({ result: 'ignored', reason: expect.stringContaining('401') })
    const list = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(list.body.data[0].lastError).toContain('invalid_client')

    // no user named: reads act as the credentials' service account, which Greenhouse will not
    // take as a note's author; the write-back fails for good, visibly, after one try
    const other = await world()
    await h.request('DELETE', `/v1/integrations/${other.integration.id}`, {
      token: other.agency.secretKey,
    })
    const bad = await h.request('POST', '/v1/integrations', {
      token: other.agency.secretKey,
      json: {
        provider: 'greenhouse',
        credentials: greenhouseCredentials(fake),
        settings: { clientCompany: 'Initech' },
      },
    })
    const badIntegration = { id: bad.body.id, signingSecret: bad.body.signingSecret }
    const startsAt = new Date(Date.now() + 2 * hour)
    const held = other.schedule(startsAt)
    const created = await deliverGreenhouse(
      h,
      badIntegration,
      'application_updated',
      held.payload(),
    )
    const interviewId: string = created.body.interviewId
    await runCron(h, new Date(startsAt.getTime() + hour))
    const [interviewer] = (await interviewOf(other.agency, held.interview.id))[0].interviewers
    const link = `/c/${await coachingLinkOf(h, interviewId)}`
    await h.request('POST', `${link}/events`, {
      json: { type: 'sent', interviewerId: interviewer.id },
    })
    // the note's POST fails (it is not tried twice): the write waits for the next run
    fake.failNext({ status: 500 }, { method: 'POST', path: '/v3/notes' })
    await runCron(h, later(6))
    const retried = await h.request('GET', `/v1/interviews/${interviewId}`, {
      token: other.agency.secretKey,
    })
    expect(retried.body.writeBack.state).toBe('pending')
    await runCron(h, later(20))
    const failed = await h.request('GET', `/v1/interviews/${interviewId}`, {
      token: other.agency.secretKey,
    })
    expect(failed.body.writeBack).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('user_id'),
    })
    expect(fake.notes.filter((note) => note.candidate_id === held.candidate.id)).toEqual([])
  })

  it('finds the client by the documented rule: setting, custom field, then department', async () => {
    const byField = await world({ clientCompanyField: 'client' })
    const record = byField.schedule(new Date(Date.now() + 2 * hour))
    const payload = record.payload()
    payload.application.jobs[0]!.custom_fields = {
      client: { name: 'Client', type: 'short_text', value: 'Globex' },
    } as never
    await deliverGreenhouse(h, byField.integration, 'application_updated', payload)
    expect((await interviewOf(byField.agency, record.interview.id))[0].clientCompany).toBe('Globex')

    const byDepartment = await world({})
    const other = byDepartment.schedule(new Date(Date.now() + 2 * hour))
    const departmental = other.payload()
    departmental.application.jobs[0]!.departments = [{ id: 7, name: 'Umbrella Corp' }] as never
    await deliverGreenhouse(h, byDepartment.integration, 'application_updated', departmental)
    const [interview] = await interviewOf(byDepartment.agency, other.interview.id)
    expect(interview.clientCompany).toBe('Umbrella Corp')
  })

  it('sets the outcome of the interviews held before a stage change, hire or rejection', async () => {
    const { agency, integration, schedule } = await world()
    const startsAt = new Date(Date.now() + hour)
    const record = schedule(startsAt)
    await deliverGreenhouse(h, integration, 'application_updated', record.payload())
    const outcome = async () => (await interviewOf(agency, record.interview.id))[0].outcome?.stage
    const at = <T extends { application: { last_activity_at: string } }>(
      ms: number,
      payload: T,
    ) => {
      payload.application.last_activity_at = new Date(startsAt.getTime() + ms).toISOString()
      return payload
    }

    // moved on before the interview took place: not its outcome
    const early = await deliverGreenhouse(
      h,
      integration,
      'candidate_stage_change',
      record.payload(),
    )
    expect(early.body.result).toBe('duplicate')
    expect(await outcome()).toBeUndefined()

    const hire = at(3 * hour, record.hirePayload())
    hire.application.offer.resolved_at = hire.application.last_activity_at
    const cases = [
      [
        'candidate_stage_change',
        at(hour, record.payload({ id: 3, name: 'Final Round' })),
        'advanced',
      ],
      ['candidate_stage_change', at(2 * hour, record.payload({ id: 4, name: 'Offer' })), 'offer'],
      ['hire_candidate', hire, 'hired'],
    ] as const
    for (const [action, payload, stage] of cases) {
      const res = await deliverGreenhouse(h, integration, action, payload)
      expect(res.body.result, res.text).toBe('updated')
      expect(await outcome()).toBe(stage)
    }
    // an older report changes nothing
    const stale = at(30 * minute, record.payload({ id: 5, name: 'Rejected' }, 'rejected'))
    await deliverGreenhouse(h, integration, 'candidate_stage_change', stale)
    expect(await outcome()).toBe('hired')
  })
})

describe('greenhouse acceptance: 200 interviews', () => {
  const size = acceptanceSize

  /** the run checked; then a tenth of the candidates mark a note sent: one note each in Greenhouse */
  async function checkRun(agency: { id: string; secretKey: string }, run: ScenarioResult) {
    const { rows, emailed } = await checkGreenhouseRun(h, resend, agency.id, run.planned)
    expect(emailed).toBe(size * 0.95)
    const list = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(list.body.data[0].counts).toMatchObject({ created: rows.length, ignored: 0 })
    const candidateOf = new Map(
      run.planned.map(({ record }) => [String(record.interview.id), record.candidate.id]),
    )
    const held = rows.filter((row) => !row.canceled_at)
    const marked = held.filter((_, i) => i % 10 === 0)
    const unmarked = held.filter((_, i) => i % 10 !== 0)
    const toCandidate = (row: (typeof rows)[number]) => ({
      id: row.id,
      candidateId: candidateOf.get(row.external_id!)!,
    })
    const notes = await markAndWriteBack(h, fake, marked.map(toCandidate))
    expect(notes.filter((n) => n !== 1)).toEqual([])
    const others = unmarked.map(toCandidate).map(({ candidateId }) => candidateId)
    expect(fake.notes.filter((note) => others.includes(note.candidate_id))).toEqual([])
    return { emailed, notes: notes.length }
  }

  it('shuffled, with 10% duplicates, 10% reschedules and 5% cancellations', async () => {
    // ten recruiters: one sends at most 40 coaching emails an hour
    const { agency, integration, schedule } = await world(undefined, 10)
    const random = seededRandom(20261130)
    const run = await runGreenhouseScenario(h, fake, integration, schedule, random, size)
    const checked = await checkRun(agency, run)
    console.info('greenhouse run', { deliveries: run.deliveries, answers: run.answers, ...checked })
  }, 120_000)

  it('the same while 30% of the calls to Harvest fail, each web hook re-sent later', async () => {
    const { agency, integration, schedule } = await world(undefined, 10)
    fake.failRate(0.3, { seed: 30 })
    try {
      const random = seededRandom(7)
      const run = await runGreenhouseScenario(h, fake, integration, schedule, random, size)
      // failures really happened: at the full size of the run, many of them
      expect(run.unavailable).toBeGreaterThan(size >= 200 ? 30 : 0)
      const checked = await checkRun(agency, run)
      console.info('greenhouse lossy run', {
        deliveries: run.deliveries,
        unavailable: run.unavailable,
        ...checked,
      })
    } finally {
      fake.failRate(0)
    }
  }, 120_000)
})
