import { describe, expect, it } from 'vitest'
import { expectRecordsAndCoaching, acceptanceSize } from '../support/acceptance'
import { seededRandom } from '../support/fake-ats/server'
import { createAgency, createSession, runCron } from '../support/factories'
import { ARCHIVE_REASONS, leverPayloads, type FakeLever } from '../support/fake-lever'
import { resendBindings } from '../support/fake-resend'
import { agencyRowsDigest, listedIntegration, recordedEventCount } from '../support/integrations'
import {
  createLeverIntegration,
  interviewData,
  leverBindings,
  markFirstNoteSent,
  postBody,
  sendToIntegration,
  signedBody,
  useFakeLever,
  type LeverIntegration,
} from '../support/lever'
import { checkLeverWriteBacks, planLeverRun, sendLeverRun } from '../support/lever-run'
import { useFakeResend, useHarness } from '../support/lifecycle'

// Lever through the real worker: Lever's signed webhooks name an interview or a candidate, the
// integration reads the rest from Lever's API (the fake, on loopback) and applies it once, in
// Lever's order; what Lever cannot answer now is answered 503, so Lever sends it again.

const minute = 60_000
const resend = useFakeResend()
const lever: FakeLever = useFakeLever()
const h = useHarness(() => resendBindings(resend, leverBindings(lever)))

async function world(settings?: Record<string, string>) {
  // each test starts with Lever's rate-limit bucket full, as after an idle moment
  lever.setRateLimit({ perSecond: 10, burst: 20 })
  const agency = await createAgency(h)
  return { agency, integration: await createLeverIntegration(h, agency, lever, settings) }
}

/** A candidate in Lever with an interview starting `inMs` from now. */
function scheduleInLever(inMs = 2 * 60 * minute, email = `cand.${Math.random()}@example.com`) {
  const opportunity = lever.addOpportunity({ name: 'Maya Lindqvist', emails: [email] })
  const interview = lever.addInterview(opportunity.id, { date: Date.now() + inMs, duration: 45 })
  return { opportunity, interview, ref: `${opportunity.id}/${interview.id}` }
}

const later = (minutes: number) => new Date(Date.now() + minutes * minute)

const notesOf = (opportunityId: string) =>
  lever.notes.filter((note) => note.opportunityId === opportunityId)

async function interviewsOf(agencySecret: string, externalId: string) {
  const query = new URLSearchParams({ externalSystem: 'lever', externalId })
  const res = await h.request('GET', `/v1/interviews?${query}`, { token: agencySecret })
  expect(res.status, res.text).toBe(200)
  return res.body.data as any[]
}

async function deliver(
  integration: LeverIntegration,
  event: string,
  data: Record<string, unknown>,
  triggeredAt?: number,
) {
  const delivery = await sendToIntegration(integration, event, data, { triggeredAt })
  expect(delivery.status).toBe(200)
  return delivery
}

/** Deletes the interview in Lever, then delivers the webhook that says so. */
function deleteInLever(
  integration: LeverIntegration,
  scheduled: ReturnType<typeof scheduleInLever>,
  triggeredAt: number,
) {
  lever.removeInterview(scheduled.interview.id)
  return deliver(integration, 'interviewDeleted', interviewData(scheduled.interview), triggeredAt)
}

describe('Lever webhooks', () => {
  it('refuses credentials without both the API key and the webhook token', async () => {
    const agency = await createAgency(h)
    const res = await h.request('POST', '/v1/integrations', {
      token: agency.secretKey,
      json: { provider: 'lever', credentials: { apiKey: lever.apiKey } },
    })
    expect(res.status).toBe(400)
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'credentials.webhookToken' }),
    )
  })

  it('logs an interview scheduled in Lever with its fields and coaches the candidate at its end', async () => {
    const { agency, integration } = await world()
    const { opportunity, interview, ref } = scheduleInLever(2 * 60 * minute, 'maya@example.com')
    lever.updateInterview(interview.id, {
      location: 'https://zoom.us/j/123',
      interviewers: [
        { id: 'u1', name: 'Taylor Conlin', email: 'taylor@acme.example', feedbackTemplate: null },
        { id: 'u2', name: 'Sam Ortiz', email: '', feedbackTemplate: null },
      ],
    })
    const recruiter = await createSession(h, agency, { externalId: `lever:${opportunity.owner}` })
    const delivery = await deliver(integration, 'interviewCreated', interviewData(interview))
    expect(delivery.attempts).toBe(1)

    const [logged] = await interviewsOf(agency.secretKey, ref)
    expect(logged).toMatchObject({
      externalRef: { system: 'lever', id: ref },
      candidate: { name: 'Maya Lindqvist', email: 'maya@example.com' },
      roleTitle: 'Forklift Operator',
      clientCompany: 'Acme Logistics',
      startsAt: new Date(interview.date).toISOString(),
      durationMinutes: 45,
      format: 'video',
      recruiterId: recruiter.recruiterId,
      interviewers: [
        expect.objectContaining({ name: 'Taylor Conlin', email: 'taylor@acme.example' }),
        expect.objectContaining({ name: 'Sam Ortiz', email: null }),
      ],
      coaching: { status: 'scheduled' },
    })
    const calls = lever.calls.filter((call) => call.path.includes(opportunity.id))
    expect(calls.every((call) => call.headers.authorization?.startsWith('Basic '))).toBe(true)

    const end = new Date(logged.endsAt)
    await runCron(h, new Date(end.getTime() - minute))
    expect(resend.sent.filter((e) => e.to.includes('maya@example.com'))).toEqual([])
    await runCron(h, new Date(end.getTime() + minute))
    await runCron(h, new Date(end.getTime() + 2 * minute))
    const coaching = resend.sent.filter(
      (e) => e.to.includes('maya@example.com') && e.tags.some((t) => t.value === 'coaching'),
    )
    expect(coaching).toHaveLength(1)

    // the candidate marks a note sent: once the marks rest, one note on the opportunity, as the
    // recruiter; a change rewrites that note
    const { link, interviewers } = await markFirstNoteSent(h, agency, logged.id)
    await runCron(h, later(1))
    expect(notesOf(opportunity.id)).toEqual([])
    await runCron(h, later(6))
    const [note, ...more] = notesOf(opportunity.id)
    expect(more).toEqual([])
    expect(note).toMatchObject({ performAs: opportunity.owner, edits: 0 })
    expect(note!.value).toContain('1 of 2 marked sent')
    expect(note!.value).toContain(`Followthrough ref: ${logged.id}`)
    await runCron(h, later(30))
    expect(notesOf(opportunity.id)).toHaveLength(1)
    const marked = await h.request('POST', `${link}/events`, {
      json: { type: 'sent', interviewerId: interviewers[1]!.id },
    })
    expect(marked.status).toBe(200)
    await runCron(h, later(40))
    const [rewritten, ...others] = notesOf(opportunity.id)
    expect(others).toEqual([])
    expect(rewritten).toMatchObject({ id: note!.id, edits: 1 })
    expect(rewritten!.value).toContain('2 of 2 marked sent')
    const listed = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(listed.body.data[0].counts.writeBacks).toEqual({ written: 1, pending: 0, failed: 0 })
  })

  it('writes back through a Lever outage, onto the note an unanswered attempt left', async () => {
    const { agency, integration } = await world()
    const { opportunity, interview, ref } = scheduleInLever(-2 * 60 * minute)
    await deliver(integration, 'interviewCreated', interviewData(interview))
    const [logged] = await interviewsOf(agency.secretKey, ref)
    await markFirstNoteSent(h, agency, logged.id)
    // an earlier attempt wrote the note, but its answer never came back
    const lost = await fetch(`${lever.apiUrl}/opportunities/${opportunity.id}/notes`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${lever.apiKey}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ value: `Notes sent\nFollowthrough ref: ${logged.id}` }),
    })
    expect(lost.status).toBe(201)
    // no recruiter here is the opportunity's owner: the note is written as the owner all the same
    lever.requirePerformAs(true)
    lever.down({ status: 503, retryAfter: 60 })
    await runCron(h, later(6))
    const listed = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(listed.body.data[0].lastError).toMatch(/Write-back: .*503/)
    lever.up()
    await runCron(h, later(8))
    const [note, ...more] = notesOf(opportunity.id)
    expect(more).toEqual([])
    expect(note).toMatchObject({ edits: 1 })
    expect(note!.value).toContain('1 of 1 marked sent')
    const rewrite = lever.calls.find((call) => call.query.get('note_id') === note!.id)
    expect(rewrite?.query.get('perform_as')).toBe(opportunity.owner)
    lever.requirePerformAs(false)
    const row = await h.db
      .selectFrom('write_backs')
      .select(['state', 'attempts'])
      .where('interview_id', '=', logged.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'written', attempts: 2 })
  })

  it('follows a reschedule and both kinds of cancellation', async () => {
    const { agency, integration } = await world()
    const t0 = Date.now() - 30_000
    const moved = scheduleInLever()
    await deliver(integration, 'interviewCreated', interviewData(moved.interview), t0)
    const movedTo = moved.interview.date + 3 * 60 * minute
    lever.updateInterview(moved.interview.id, { date: movedTo, duration: 60, location: 'Room 4' })
    await deliver(integration, 'interviewUpdated', interviewData(moved.interview), t0 + 1000)
    const [rescheduled] = await interviewsOf(agency.secretKey, moved.ref)
    expect(rescheduled).toMatchObject({
      startsAt: new Date(movedTo).toISOString(),
      durationMinutes: 60,
      format: 'onsite',
      canceledAt: null,
    })

    // Lever keeps a canceled interview, with canceledAt
    const canceled = scheduleInLever()
    await deliver(integration, 'interviewCreated', interviewData(canceled.interview), t0)
    lever.updateInterview(canceled.interview.id, { canceledAt: Date.now() })
    await deliver(integration, 'interviewUpdated', interviewData(canceled.interview), t0 + 1000)
    expect((await interviewsOf(agency.secretKey, canceled.ref))[0].canceledAt).not.toBeNull()

    // a deleted one is gone from Lever's API
    const deleted = scheduleInLever()
    await deliver(integration, 'interviewCreated', interviewData(deleted.interview), t0)
    const gone = await deleteInLever(integration, deleted, t0 + 1000)
    expect(gone.status).toBe(200)
    expect((await interviewsOf(agency.secretKey, deleted.ref))[0].canceledAt).not.toBeNull()

    const { counts } = await listedIntegration(h, agency.secretKey)
    expect(counts).toMatchObject({ created: 3, updated: 1, canceled: 2, ignored: 0 })
  })

  it('applies a re-sent webhook once and an older one arriving late not at all', async () => {
    const { agency, integration } = await world()
    const { interview, ref } = scheduleInLever()
    const t0 = Date.now() - 30_000
    const created = signedBody(
      integration.webhookToken,
      'interviewCreated',
      interviewData(interview),
      t0,
    )
    lever.updateInterview(interview.id, { date: interview.date + 60 * minute })
    const updated = signedBody(
      integration.webhookToken,
      'interviewUpdated',
      interviewData(interview),
      t0 + 5000,
    )
    // Lever's retries carry the same triggeredAt, but not necessarily the same token
    const retried = signedBody(
      integration.webhookToken,
      'interviewUpdated',
      interviewData(interview),
      t0 + 5000,
    )
    expect((await postBody(integration, updated)).body.result).toBe('created')
    expect((await postBody(integration, updated)).body.result).toBe('duplicate')
    expect((await postBody(integration, retried)).body.result).toBe('duplicate')
    const late = await postBody(integration, created)
    expect(late.body).toMatchObject({ result: 'ignored', reason: expect.stringMatching(/^Stale/) })
    const found = await interviewsOf(agency.secretKey, ref)
    expect(found).toHaveLength(1)
    expect(found[0].startsAt).toBe(new Date(interview.date).toISOString())

    // a deletion arriving before the creation leaves nothing to create
    const early = scheduleInLever()
    const deletion = await deleteInLever(integration, early, t0 + 5000)
    expect(deletion.status).toBe(200)
    const creation = signedBody(
      integration.webhookToken,
      'interviewCreated',
      interviewData(early.interview),
      t0,
    )
    expect((await postBody(integration, creation)).body.result).toBe('ignored')
    expect(await interviewsOf(agency.secretKey, early.ref)).toEqual([])
  })

  it('refuses forged, stale and unsigned webhooks with 401 and changes nothing', async () => {
    const { agency, integration } = await world()
    const { interview } = scheduleInLever()
    const data = interviewData(interview)
    const before = await agencyRowsDigest(h, agency.id)
    const bodies = [
      signedBody('not-the-token', 'interviewCreated', data, Date.now()),
      signedBody(integration.webhookToken, 'interviewCreated', data, Date.now() - 6 * minute),
      signedBody(integration.webhookToken, 'interviewCreated', data, Date.now() + 6 * minute),
      JSON.stringify({ triggeredAt: Date.now(), event: 'interviewCreated', token: 'x', data }),
      '{"triggeredAt":',
    ]
    const genuine = JSON.parse(
      signedBody(integration.webhookToken, 'interviewCreated', data, Date.now()),
    )
    // the signature covers token + triggeredAt: changing either breaks it
    bodies.push(JSON.stringify({ ...genuine, triggeredAt: genuine.triggeredAt + 1 }))
    bodies.push(JSON.stringify({ ...genuine, token: `${genuine.token}0` }))
    for (const raw of bodies) {
      const res = await fetch(integration.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      })
      expect(res.status, raw).toBe(401)
      await res.arrayBuffer()
    }
    expect(await agencyRowsDigest(h, agency.id)).toBe(before)
    expect(lever.calls.filter((call) => call.path.includes(interview.id))).toEqual([])
  })

  it('answers 503 while Lever is down or limiting, records nothing, and takes the re-delivery', async () => {
    const { agency, integration } = await world()
    const down = scheduleInLever()
    const before = await agencyRowsDigest(h, agency.id)
    lever.down({ status: 502 })
    const first = await sendToIntegration(
      integration,
      'interviewCreated',
      interviewData(down.interview),
    )
    expect(first.status).toBe(503)
    expect(await agencyRowsDigest(h, agency.id)).toBe(before)
    lever.up()
    const again = await postBody(integration, first.raw)
    expect(again.body.result).toBe('created')

    const limited = scheduleInLever()
    lever.failNext({ status: 429, retryAfter: 7 }, { path: '/v1/opportunities' })
    lever.failNext({ drop: true }, { path: '/v1/opportunities' })
    const raw = signedBody(
      integration.webhookToken,
      'interviewCreated',
      interviewData(limited.interview),
      Date.now(),
    )
    const answers = []
    for (let i = 0; i < 3; i++) answers.push(await postBody(integration, raw))
    expect(answers.map((a) => a.status)).toEqual([503, 503, 200])
    expect(answers[0]!.headers.get('retry-after')).toBe('7')
    expect(answers[2]!.body.result).toBe('created')
    expect(await interviewsOf(agency.secretKey, limited.ref)).toHaveLength(1)
  })

  it('records an interview whose candidate has no email as ignored, with the reason', async () => {
    const { agency, integration } = await world()
    const opportunity = lever.addOpportunity({ emails: [] })
    const interview = lever.addInterview(opportunity.id)
    const delivery = await deliver(integration, 'interviewCreated', interviewData(interview))
    expect(delivery.status).toBe(200)
    const list = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(list.body.data[0]).toMatchObject({
      counts: { created: 0, ignored: 1 },
      lastError: expect.stringContaining('candidate.email'),
    })
    expect(await interviewsOf(agency.secretKey, `${opportunity.id}/${interview.id}`)).toEqual([])
  })

  it('takes the client from the settings when the posting has no department or team', async () => {
    const { agency, integration } = await world({ clientCompany: 'Initech' })
    const posting = lever.addPosting({
      text: 'Shift Lead',
      categories: { team: null, department: null, location: null, commitment: null, level: null },
    })
    const opportunity = lever.addOpportunity({ emails: ['shift@example.com'] })
    const interview = lever.addInterview(opportunity.id, {
      postings: [posting.id],
      location: 'Phone call',
    })
    await deliver(integration, 'interviewCreated', interviewData(interview))
    const [logged] = await interviewsOf(agency.secretKey, `${opportunity.id}/${interview.id}`)
    expect(logged).toMatchObject({
      roleTitle: 'Shift Lead',
      clientCompany: 'Initech',
      format: 'phone',
    })
  })

  it('turns stage changes, archiving and hires into outcomes of the opportunity', async () => {
    const { agency, integration } = await world()
    const outcomeOf = async (ref: string) =>
      (await interviewsOf(agency.secretKey, ref))[0].outcome?.stage ?? null
    const people = (opportunityId: string) => ({ opportunityId })
    const t0 = Date.now() - 60_000

    const a = scheduleInLever(-3 * 60 * minute)
    await deliver(integration, 'interviewCreated', interviewData(a.interview), t0)
    const move = (from: string, to: string, at: number) =>
      deliver(
        integration,
        'candidateStageChange',
        leverPayloads.candidateStageChange({
          ...people(a.opportunity.id),
          fromStageId: from,
          toStageId: to,
        }),
        at,
      )
    // into the interview stage, and back: no outcome
    await move('applicant-new', 'on-site-interview', t0 + 1000)
    expect(await outcomeOf(a.ref)).toBeNull()
    await move('on-site-interview', 'reference-check', t0 + 2000)
    expect(await outcomeOf(a.ref)).toBe('advanced')
    await move('reference-check', 'offer', t0 + 3000)
    expect(await outcomeOf(a.ref)).toBe('offer')
    await deliver(
      integration,
      'candidateHired',
      leverPayloads.candidateHired(people(a.opportunity.id)),
      t0 + 4000,
    )
    expect(await outcomeOf(a.ref)).toBe('hired')

    const b = scheduleInLever(-3 * 60 * minute)
    await deliver(integration, 'interviewCreated', interviewData(b.interview), t0)
    const archive = (reason: string, at: number) =>
      deliver(
        integration,
        'candidateArchiveChange',
        leverPayloads.candidateArchiveChange({
          ...people(b.opportunity.id),
          toArchived: { reason, archivedAt: at },
        }),
        at,
      )
    await archive(ARCHIVE_REASONS.withdrew, t0 + 1000)
    expect(await outcomeOf(b.ref)).toBe('withdrawn')
    await archive(ARCHIVE_REASONS.underqualified, t0 + 2000)
    expect(await outcomeOf(b.ref)).toBe('rejected')

    // what says nothing of an interview is answered and left alone
    const other = await sendToIntegration(
      integration,
      'applicationCreated',
      people(b.opportunity.id),
    )
    expect(other.status).toBe(200)
    const test = await sendToIntegration(
      integration,
      'interviewCreated',
      leverPayloads.connectionTest(),
    )
    expect(test.status).toBe(200)
  })
})

describe('acceptance: 200 interviews from Lever', () => {
  const interviews = acceptanceSize

  async function run(prefix: string, seed: number, failRate: number) {
    const { agency, integration } = await world()
    lever.setRateLimit(null)
    const random = seededRandom(seed)
    const plan = planLeverRun(lever, integration, prefix, random, interviews)
    lever.failRate(failRate, { seed })
    const sent = await sendLeverRun(integration, plan.deliveries, random)
    lever.failRate(0)
    const emailed = await expectRecordsAndCoaching(h, resend, agency.id, plan.expected)
    expect(emailed).toBe(interviews * 0.95)
    expect(await recordedEventCount(h, integration.id)).toBe(
      plan.webhooks.filter((w) => w.recorded).length,
    )
    const duplicates = plan.deliveries.length - plan.webhooks.length
    const unrecordedTwice =
      plan.deliveries.filter((d) => !d.recorded).length -
      plan.webhooks.filter((w) => !w.recorded).length
    expect(sent.answers.duplicate).toBe(duplicates - unrecordedTwice)
    // some writes now land without their answer coming back
    lever.failRate(failRate, { seed: seed + 1, failure: { status: 502, carriedOut: true } })
    const written = await checkLeverWriteBacks(h, lever, agency)
    lever.failRate(0)
    // every tenth interview that takes place
    expect(written.noted).toBe(Math.ceil((interviews * 0.95) / 10))
    return { deliveries: plan.deliveries.length, ...sent, emailed, ...written }
  }

  it('shuffled, with 10% duplicates, 10% reschedules and 5% cancellations', async () => {
    const result = await run('lever', 20261130, 0)
    expect(result.resent).toBe(0)
    expect(result.lostAnswers).toBe(0)
    console.info('lever acceptance run', result)
  }, 240_000)

  it('the same, with 30% of the calls to Lever failing, losing and doubling nothing', async () => {
    const result = await run('lever-flaky', 7, 0.3)
    expect(result.resent).toBeGreaterThan(result.deliveries * 0.3)
    expect(result.lostAnswers).toBeGreaterThan(0)
    console.info('lever flaky run', result)
  }, 240_000)
})
