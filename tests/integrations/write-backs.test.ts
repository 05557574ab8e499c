import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { coachingLinkOf, createAgency, runCron, type TestAgency } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import {
  createWebhookIntegration,
  deliver,
  eventInterview,
  inboundEvent,
} from '../support/integrations'
import { useFakeResend, useHarness, useReceiver } from '../support/lifecycle'

// "Note sent" back to the ATS, through the generic webhook's write-back: an interview.notes_sent
// event POSTed to the agency's writeBackUrl, signed like the events it sends us, once the
// candidate's marks have rested; once per change, never twice, whatever fails on the way.

const minute = 60_000
const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))
const receiver = useReceiver()

let serial = 0

/** An agency whose ATS sends one interview (ended an hour ago); its candidate link. */
async function world(agency?: TestAgency) {
  const own = agency ?? (await createAgency(h))
  const integration = await createWebhookIntegration(h, own, { writeBackUrl: receiver.url })
  serial += 1
  const data = eventInterview(`wb-${serial}`, {
    startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    durationMinutes: 60,
    interviewers: [
      { name: 'Priya Shah', title: 'Hiring Manager' },
      { name: 'Tom Berg' },
      { name: 'Lena Ortiz', title: 'Team Lead' },
    ],
  })
  const created = await deliver(h, integration, inboundEvent('interview.scheduled', data))
  expect(created.body.result, created.text).toBe('created')
  const interviewId: string = created.body.interviewId
  const link = `/c/${await coachingLinkOf(h, interviewId)}`
  const interview = (
    await h.request('GET', `/v1/interviews/${interviewId}`, { token: own.secretKey })
  ).body
  const ids: string[] = interview.interviewers.map((p: { id: string }) => p.id)
  const mark = async (type: 'sent' | 'unsent', index: number) => {
    const res = await h.request('POST', `${link}/events`, {
      json: { type, interviewerId: ids[index] },
    })
    expect(res.status, res.text).toBe(200)
  }
  return { agency: own, integration, interviewId, mark }
}

/** What the receiver got for this interview, parsed, with whether each was signed right. */
function writeBacksOf(interviewId: string, secret: string) {
  return receiver.received
    .map((r) => ({
      body: JSON.parse(r.raw),
      raw: r.raw,
      signature: String(r.headers['followthrough-signature']),
    }))
    .filter((r) => r.body.interview.id === interviewId)
    .map(({ body, raw, signature }) => {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? []
      const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')
      return { ...body, signed: v1 === expected }
    })
}

const later = (minutes: number) => new Date(Date.now() + minutes * minute)

describe('write-back through the generic webhook', () => {
  it('writes once after the marks rest, rewrites on a change, and never again for nothing', async () => {
    const { integration, interviewId, mark } = await world()
    await mark('sent', 0)
    await mark('sent', 2)
    // still within the debounce: nothing goes
    await runCron(h, later(1))
    expect(writeBacksOf(interviewId, integration.signingSecret)).toEqual([])
    await runCron(h, later(6))
    const [first, ...more] = writeBacksOf(interviewId, integration.signingSecret)
    expect(more).toEqual([])
    expect(first).toMatchObject({ event: 'interview.notes_sent', signed: true })
    expect(first.notes.map((n: any) => [n.interviewer.name, n.sentAt !== null])).toEqual([
      ['Priya Shah', true],
      ['Tom Berg', false],
      ['Lena Ortiz', true],
    ])
    expect(first.text).toContain('2 of 3 marked sent')
    expect(first.text).toContain(`Followthrough ref: ${interviewId}`)
    // nothing changed: later runs write nothing
    await runCron(h, later(30))
    expect(writeBacksOf(interviewId, integration.signingSecret)).toHaveLength(1)
    // an undo is reflected, once
    await mark('unsent', 2)
    await runCron(h, later(40))
    await runCron(h, later(50))
    const all = writeBacksOf(interviewId, integration.signingSecret)
    expect(all).toHaveLength(2)
    expect(all[1].text).toContain('1 of 3 marked sent')
    expect(all[1].id).not.toBe(all[0].id)
    // an undo and a redo that come back to what was written write nothing new
    await mark('sent', 1)
    await mark('unsent', 1)
    await runCron(h, later(60))
    expect(writeBacksOf(interviewId, integration.signingSecret)).toHaveLength(2)
  })

  it('retries a failed or unanswered write with the same id, and shows the failure meanwhile', async () => {
    const { agency, integration, interviewId, mark } = await world()
    await mark('sent', 1)
    receiver.answers.push(503, 500)
    await runCron(h, later(6))
    const listed = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(listed.body.data[0].lastError).toMatch(/Write-back: .* answered 503/)
    // backoff: one minute, then two
    await runCron(h, later(8))
    await runCron(h, later(11))
    const attempts = writeBacksOf(interviewId, integration.signingSecret)
    expect(attempts).toHaveLength(3)
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1)
    await runCron(h, later(30))
    expect(writeBacksOf(interviewId, integration.signingSecret)).toHaveLength(3)
    const row = await h.db
      .selectFrom('write_backs')
      .select(['state', 'attempts', 'last_error'])
      .where('interview_id', '=', interviewId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'written', attempts: 3, last_error: null })
    // the interview and the integration say so
    const shown = await h.request('GET', `/v1/interviews/${interviewId}`, {
      token: agency.secretKey,
    })
    expect(shown.body.writeBack).toEqual({
      state: 'written',
      writtenAt: expect.any(String),
      error: null,
    })
    const counts = await h.request('GET', '/v1/integrations', { token: agency.secretKey })
    expect(counts.body.data[0].counts.writeBacks).toEqual({ written: 1, pending: 0, failed: 0 })
  })

  it('fails for good on a refusal (4xx), visibly, and tries again on the next mark', async () => {
    const { interviewId, integration, mark } = await world()
    await mark('sent', 0)
    receiver.answers.push(410)
    await runCron(h, later(6))
    await runCron(h, later(60))
    expect(writeBacksOf(interviewId, integration.signingSecret)).toHaveLength(1)
    const row = await h.db
      .selectFrom('write_backs')
      .select(['state', 'last_error'])
      .where('interview_id', '=', interviewId)
      .executeTakeFirstOrThrow()
    expect(row.state).toBe('failed')
    expect(row.last_error).toMatch(/answered 410/)
    await mark('sent', 1)
    await runCron(h, later(70))
    expect(writeBacksOf(interviewId, integration.signingSecret)).toHaveLength(2)
  })

  it('two cron runs at the same moment write each note once (20 rounds)', async () => {
    const agency = await createAgency(h)
    for (let round = 0; round < 20; round++) {
      const { interviewId, integration, mark } = await world(agency)
      await mark('sent', 0)
      const at = later(6 + round)
      await Promise.all([runCron(h, at), runCron(h, at), runCron(h, at)])
      expect(writeBacksOf(interviewId, integration.signingSecret), `round ${round}`).toHaveLength(1)
      // each world makes a new integration: the agency keeps one per provider
      await h.request('DELETE', `/v1/integrations/${integration.id}`, { token: agency.secretKey })
    }
  }, 120_000)

  it('writes nothing back after the candidate is erased, nor for an integration without a writeBackUrl', async () => {
    const erased = await world()
    await erased.mark('sent', 0)
    const { email } = await h.db
      .selectFrom('interviews as i')
      .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
      .select('c.email')
      .where('i.id', '=', erased.interviewId)
      .executeTakeFirstOrThrow()
    const res = await h.request('POST', '/v1/candidates/erase', {
      token: erased.agency.secretKey,
      json: { email },
    })
    expect(res.status, res.text).toBeLessThan(300)
    await runCron(h, later(6))
    expect(writeBacksOf(erased.interviewId, erased.integration.signingSecret)).toEqual([])

    const agency = await createAgency(h)
    const plain = await createWebhookIntegration(h, agency)
    const data = eventInterview(`wb-plain-${serial}`, {
      startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    })
    const created = await deliver(h, plain, inboundEvent('interview.scheduled', data))
    const link = `/c/${await coachingLinkOf(h, created.body.interviewId)}`
    const interview = (
      await h.request('GET', `/v1/interviews/${created.body.interviewId}`, {
        token: agency.secretKey,
      })
    ).body
    await h.request('POST', `${link}/events`, {
      json: { type: 'sent', interviewerId: interview.interviewers[0].id },
    })
    const { n } = await h.db
      .selectFrom('write_backs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('interview_id', '=', created.body.interviewId)
      .executeTakeFirstOrThrow()
    expect(Number(n)).toBe(0)
  })
})
