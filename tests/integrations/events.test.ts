import { describe, expect, it } from 'vitest'
import { createAgency, createSession, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import {
  agencyRowsDigest,
  createWebhookIntegration,
  deliver,
  eventInterview,
  inboundEvent,
  listedIntegration,
  signatureOf,
  type TestIntegration,
} from '../support/integrations'
import { useFakeResend, useHarness } from '../support/lifecycle'

// What each event does to the agency's interviews: created, moved, canceled, or recorded as
// ignored with the reason (the sender must not retry those), never half of one.

const hour = 3_600_000
const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))

async function world() {
  const agency = await createAgency(h)
  return { agency, integration: await createWebhookIntegration(h, agency) }
}

const at = (ms: number) => new Date(Date.now() + ms).toISOString()

async function interviewOf(agencySecret: string, externalId: string) {
  const res = await h.request(
    'GET',
    `/v1/interviews?externalSystem=webhook&externalId=${externalId}`,
    { token: agencySecret },
  )
  expect(res.status).toBe(200)
  return res.body.data as any[]
}

async function send(
  integration: TestIntegration,
  event: string,
  interview: Record<string, unknown>,
  extra = {},
) {
  const res = await deliver(h, integration, inboundEvent(event, interview, extra))
  expect(res.status, res.text).toBe(200)
  return res.body
}

/** An outcome for the external record `id`, as the ATS reports it. */
function sendOutcome(integration: TestIntegration, id: string, outcome: Record<string, unknown>) {
  return send(integration, 'interview.outcome', { externalRef: { id } }, { outcome })
}

describe('interview events', () => {
  it('creates, reschedules and cancels one interview per external record', async () => {
    const { agency, integration } = await world()
    // the sender's clock: one base, so the order of events does not depend on how fast this runs
    const t0 = Date.now()
    const occurred = (ms: number) => new Date(t0 + ms).toISOString()
    const startsAt = at(2 * hour)
    const created = await send(
      integration,
      'interview.scheduled',
      eventInterview('job-1', { startsAt }),
      { occurredAt: occurred(-3000) },
    )
    expect(created).toEqual({ result: 'created', interviewId: expect.any(String) })
    let [interview] = await interviewOf(agency.secretKey, 'job-1')
    expect(interview).toMatchObject({
      id: created.interviewId,
      externalRef: { system: 'webhook', id: 'job-1' },
      startsAt,
      coaching: { status: 'scheduled', email: 'queued' },
    })

    const movedTo = at(5 * hour)
    const data = eventInterview('job-1', { startsAt: movedTo, durationMinutes: 45 })
    const moved = await send(integration, 'interview.updated', data, {
      occurredAt: occurred(-2000),
    })
    expect(moved).toEqual({ result: 'updated', interviewId: created.interviewId })
    ;[interview] = await interviewOf(agency.secretKey, 'job-1')
    expect(interview.startsAt).toBe(movedTo)
    expect(interview.durationMinutes).toBe(45)

    // an older event arriving late changes nothing
    const stale = await send(integration, 'interview.updated', eventInterview('job-1'), {
      occurredAt: occurred(-2500),
    })
    expect(stale.result).toBe('ignored')
    expect(stale.reason).toMatch(/^Stale/)
    expect((await interviewOf(agency.secretKey, 'job-1'))[0].startsAt).toBe(movedTo)

    const canceled = await send(
      integration,
      'interview.canceled',
      { externalRef: { id: 'job-1' } },
      { occurredAt: occurred(-1000) },
    )
    expect(canceled).toEqual({ result: 'canceled', interviewId: created.interviewId })
    ;[interview] = await interviewOf(agency.secretKey, 'job-1')
    expect(interview.coaching.status).toBe('canceled')
    const after = await send(integration, 'interview.updated', eventInterview('job-1'))
    expect(after).toEqual({ result: 'ignored', reason: 'The interview was canceled.' })

    const listed = await listedIntegration(h, agency.secretKey)
    expect(listed.counts).toMatchObject({ created: 1, updated: 1, canceled: 1, ignored: 2 })
    expect(listed.lastError).toBe('The interview was canceled.')
  })

  it('remembers a cancel that comes before the scheduling event (tombstone)', async () => {
    const { agency, integration } = await world()
    const t0 = Date.now()
    const cancel = await send(
      integration,
      'interview.canceled',
      { externalRef: { id: 'job-2' } },
      { occurredAt: new Date(t0 - 1000).toISOString() },
    )
    expect(cancel).toEqual({ result: 'canceled' })
    const late = await send(integration, 'interview.scheduled', eventInterview('job-2'), {
      occurredAt: new Date(t0 - 5000).toISOString(),
    })
    expect(late.result).toBe('ignored')
    expect(late.reason).toMatch(/^Stale/)
    expect(await interviewOf(agency.secretKey, 'job-2')).toEqual([])
  })

  it('records what cannot become an interview as ignored, with the reason, and writes nothing else', async () => {
    const { agency, integration } = await world()
    const cases: [Record<string, unknown>, RegExp][] = [
      [eventInterview('bad-1', { candidate: { name: 'No Address' } }), /candidate\.email/],
      [eventInterview('bad-2', { durationMinutes: undefined }), /No end time/],
      [eventInterview('bad-3', { format: 'carrier pigeon' }), /^format/],
      [eventInterview('bad-4', { recruiterExternalId: 'nobody' }), /recruiterExternalId/],
      [eventInterview('bad-5', { startsAt: at(-30 * 24 * hour) }), /more than 14 days old/],
    ]
    for (const [data, reason] of cases) {
      const res = await send(integration, 'interview.scheduled', data)
      expect(res.result, JSON.stringify(data)).toBe('ignored')
      expect(res.reason).toMatch(reason)
    }
    // an outcome of a record that never became an interview has nothing to attach to
    const outcome = await sendOutcome(integration, 'job-3', { stage: 'hired' })
    expect(outcome).toEqual({ result: 'ignored', reason: 'No interview for this record yet.' })
    for (const table of ['interviews', 'candidates'] as const) {
      const rows = await h.db
        .selectFrom(table)
        .select('id')
        .where('agency_id', '=', agency.id)
        .execute()
      expect(rows, table).toEqual([])
    }
    const list = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(list.body.data[0].counts.ignored).toBe(6)
  })

  it('takes an end time as endsAt, and a known recruiter by external id', async () => {
    const { agency, integration } = await world()
    const { recruiterId } = await createSession(h, agency, { externalId: 'ats-user-7' })
    const startsAt = at(hour)
    const data = eventInterview('job-4', {
      startsAt,
      durationMinutes: undefined,
      endsAt: new Date(Date.parse(startsAt) + 50 * 60_000).toISOString(),
      recruiterExternalId: 'ats-user-7',
    })
    expect((await send(integration, 'interview.scheduled', data)).result).toBe('created')
    const [interview] = await interviewOf(agency.secretKey, 'job-4')
    expect(interview).toMatchObject({ durationMinutes: 50, recruiterId })
  })

  it('ignores a change once the coaching email has gone', async () => {
    const { agency, integration } = await world()
    fake.reset()
    const data = eventInterview('job-5', { startsAt: at(-2 * hour) })
    expect((await send(integration, 'interview.scheduled', data)).result).toBe('created')
    await fake.waitForEmails(1)
    await runCron(h, new Date())
    const res = await send(integration, 'interview.updated', { ...data, roleTitle: 'Changed' })
    expect(res.result).toBe('ignored')
    expect(res.reason).toMatch(/coaching email has already gone/)
    expect((await interviewOf(agency.secretKey, 'job-5'))[0].roleTitle).toBe('Warehouse Lead')
  })

  it('applies one event sent ten times at once exactly once', async () => {
    const { agency, integration } = await world()
    const event = inboundEvent('interview.scheduled', eventInterview('job-6'))
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => deliver(h, integration, event)),
    )
    expect(answers.map((res) => res.status)).toEqual(Array(10).fill(200))
    const results = answers.map((res) => res.body.result).sort()
    expect(results).toEqual(['created', ...Array(9).fill('duplicate')])
    expect(await interviewOf(agency.secretKey, 'job-6')).toHaveLength(1)
  })

  it('past a send quota answers 429 with Retry-After and records nothing', async () => {
    const agency = await createAgency(h, { sendQuotas: { agencyPerDay: 1 } })
    const integration = await createWebhookIntegration(h, agency)
    expect((await send(integration, 'interview.scheduled', eventInterview('q-1'))).result).toBe(
      'created',
    )
    const before = await agencyRowsDigest(h, agency.id)
    const res = await deliver(
      h,
      integration,
      inboundEvent('interview.scheduled', eventInterview('q-2')),
    )
    expect(res.status).toBe(429)
    expect(res.body.error.code).toBe('quota_exceeded')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await agencyRowsDigest(h, agency.id)).toBe(before)
  })

  it('refuses a malformed event (400) and records nothing', async () => {
    const { agency, integration } = await world()
    const before = await agencyRowsDigest(h, agency.id)
    for (const event of [
      {},
      inboundEvent('interview.rescheduled', eventInterview('m-1')),
      inboundEvent('interview.scheduled', eventInterview('m-2'), { occurredAt: 'yesterday' }),
      inboundEvent('interview.scheduled', { candidate: {} }),
      inboundEvent('interview.canceled', { externalRef: { id: '' } }),
      { ...inboundEvent('interview.scheduled', eventInterview('m-3')), id: undefined },
    ]) {
      const res = await deliver(h, integration, event)
      expect(res.status, JSON.stringify(event)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
    const notJson = await h.request('POST', `/integrations/${integration.id}/events`, {
      rawBody: '{"id":',
      headers: {
        'content-type': 'application/json',
        'followthrough-signature': signatureOf(integration.signingSecret, '{"id":'),
      },
    })
    expect(notJson.status).toBe(400)
    expect(await agencyRowsDigest(h, agency.id)).toBe(before)
  })

  it('records outcomes by their own time, whatever order they arrive in', async () => {
    const { agency, integration } = await world()
    const created = await send(integration, 'interview.scheduled', eventInterview('out-1'))
    expect(created.result).toBe('created')
    const outcome = (stage: string, at: string) => sendOutcome(integration, 'out-1', { stage, at })
    expect(await outcome('hired', at(-hour))).toEqual({
      result: 'updated',
      interviewId: created.interviewId,
    })
    // an earlier report arriving late changes nothing
    expect(await outcome('advanced', at(-2 * hour))).toMatchObject({
      result: 'ignored',
      reason: 'Stale: a newer outcome of this interview was recorded.',
    })
    // and an outcome never makes the record's schedule events stale
    const moved = await send(
      integration,
      'interview.updated',
      eventInterview('out-1', { roleTitle: 'Shift Lead' }),
      { occurredAt: at(1000) },
    )
    expect(moved.result).toBe('updated')
    const [interview] = await interviewOf(agency.secretKey, 'out-1')
    expect(interview.outcome.stage).toBe('hired')
    expect(interview.roleTitle).toBe('Shift Lead')
    const missing = await deliver(
      h,
      integration,
      inboundEvent('interview.outcome', { externalRef: { id: 'out-1' } }),
    )
    expect(missing.body).toMatchObject({ result: 'ignored' })
  })

  it("records an application's outcome on every interview under it, and only those", async () => {
    const { agency, integration } = await world()
    for (const id of ['app-7/first', 'app-7/second', 'app-70/other']) {
      const candidate = { name: 'Ana Ruiz', email: `${id.replace('/', '.')}@example.com` }
      const created = await send(
        integration,
        'interview.scheduled',
        eventInterview(id, { candidate }),
      )
      expect(created.result).toBe('created')
    }
    const hired = await sendOutcome(integration, 'app-7/', { stage: 'hired', at: at(-hour) })
    expect(hired.result).toBe('updated')
    const stages = async (id: string) => (await interviewOf(agency.secretKey, id))[0].outcome
    expect((await stages('app-7/first')).stage).toBe('hired')
    expect((await stages('app-7/second')).stage).toBe('hired')
    expect(await stages('app-70/other')).toBeNull()
    // a pattern character in the id is only itself
    const none = await sendOutcome(integration, 'app-%/', { stage: 'rejected' })
    expect(none).toMatchObject({ result: 'ignored', reason: 'No interview for this record yet.' })
  })
})
