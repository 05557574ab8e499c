import { createHmac } from 'node:crypto'
import { sql } from 'kysely'
import { expect } from 'vitest'
import type { TestAgency } from './factories'
import type { Harness } from './harness'

// What an agency's ATS does: holds the integration's signing secret and sends signed events.

export interface TestIntegration {
  id: string
  signingSecret: string
}

export async function createWebhookIntegration(
  h: Harness,
  agency: TestAgency,
  settings?: Record<string, unknown>,
): Promise<TestIntegration> {
  const res = await h.request('POST', '/v1/integrations', {
    token: agency.secretKey,
    json: { provider: 'webhook', ...(settings ? { settings } : {}) },
  })
  expect(res.status, res.text).toBe(201)
  return { id: res.body.id, signingSecret: res.body.signingSecret }
}

/** The Followthrough-Signature header a sender computes, as the README's recipe does. */
export function signatureOf(secret: string, body: string, at = Date.now()): string {
  const t = Math.floor(at / 1000)
  const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  return `t=${t},v1=${hex}`
}

let counter = 0

/** The fields of an interview as an ATS sends them, starting `startsAt`. */
export function eventInterview(externalId: string, overrides: Record<string, unknown> = {}) {
  counter += 1
  return {
    externalRef: { id: externalId },
    candidate: { name: `Ats Candidate ${counter}`, email: `ats.${externalId}@example.com` },
    roleTitle: 'Warehouse Lead',
    clientCompany: 'Initech',
    startsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    durationMinutes: 30,
    format: 'onsite',
    interviewers: [{ name: 'Morgan Lee', title: 'Operations Manager' }],
    ...overrides,
  }
}

export function inboundEvent(
  event: string,
  interview: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  counter += 1
  return {
    id: `evt_${counter}_${Math.random().toString(36).slice(2)}`,
    event,
    occurredAt: new Date().toISOString(),
    interview,
    ...overrides,
  }
}

/** Sends `event` to the integration, signed with its secret unless `signature` says otherwise. */
export function deliver(
  h: Harness,
  integration: TestIntegration,
  event: unknown,
  options: { signature?: string | null; secret?: string; at?: number } = {},
) {
  const body = JSON.stringify(event)
  const signature =
    options.signature === undefined
      ? signatureOf(options.secret ?? integration.signingSecret, body, options.at)
      : options.signature
  return h.request('POST', `/integrations/${integration.id}/events`, {
    rawBody: body,
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'followthrough-signature': signature }),
    },
  })
}

/** Every row an event could write for the agency, in one digest: equal means nothing changed. */
export async function agencyRowsDigest(h: Harness, agencyId: string): Promise<string> {
  const { rows } = await sql<{ digest: string | null }>`
    select md5(string_agg(t, '|' order by t)) as digest from (
      select row_to_json(i)::text as t from interviews i where agency_id = ${agencyId}
      union all select row_to_json(c)::text from candidates c where agency_id = ${agencyId}
      union all select row_to_json(p)::text from interviewers p
        join interviews i on i.id = p.interview_id where i.agency_id = ${agencyId}
      union all select row_to_json(e)::text from emails e where agency_id = ${agencyId}
      union all select row_to_json(g)::text from integrations g where agency_id = ${agencyId}
      union all select row_to_json(v)::text from integration_events v
        join integrations g on g.id = v.integration_id where g.agency_id = ${agencyId}
      union all select row_to_json(r)::text from external_records r where agency_id = ${agencyId}
      union all select row_to_json(q)::text from send_quota_usage q where agency_id = ${agencyId}
    ) rows`.execute(h.db)
  return rows[0]!.digest ?? ''
}

/** The agency's (first) integration as GET /v1/integrations lists it. */
export async function listedIntegration(h: Harness, agencySecret: string) {
  const list = await h.request('GET', '/v1/integrations', { token: agencySecret })
  expect(list.status, list.text).toBe(200)
  return list.body.data[0]
}

/** How many events of the integration are recorded. */
export async function recordedEventCount(h: Harness, integrationId: string): Promise<number> {
  const row = await h.db
    .selectFrom('integration_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('integration_id', '=', integrationId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
