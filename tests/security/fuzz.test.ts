import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { coachingLinkOf, createSession, logInterview } from '../support/factories'
import { ADMIN_TOKEN } from '../support/harness'
import {
  createWebhookIntegration,
  signatureOf,
  type TestIntegration,
} from '../support/integrations'
import { newWebhookSecret } from '../support/svix'
import { useAgency, useHarness } from '../support/lifecycle'

/**
 * Random bodies, headers, path parameters and tokens against every write route: nothing may
 * answer 5xx, and a rejected request may change no row. FUZZ_RUNS sets the runs per route
 * (300 in the suite; `npm run bench -- --deep` runs 10,000).
 */
const runs = Number(process.env.FUZZ_RUNS ?? 300)

let session: string
let interviewId: string
let scheduledId: string
let interviewerId: string
let token: string
let integration: TestIntegration

/** One cheap query that changes whenever any row of interest is written. */
async function fingerprint(): Promise<string> {
  const { rows } = await sql<{ f: string }>`
    select concat_ws(',',
      (select count(*) from agencies), (select max(updated_at) from agencies),
      (select count(*) from api_keys), (select count(*) from api_keys where revoked_at is not null),
      (select count(*) from recruiters), (select count(*) from candidates),
      (select count(*) from candidates where erased_at is not null or unsubscribed_at is not null),
      (select count(*) from interviews), (select count(*) from emails where kind <> 'coaching'),
      (select count(*) from events), (select count(*) from drafts),
      (select count(*) from interviewers where note_sent_at is not null),
      (select max(updated_at) from interviews), (select count(*) from interviewers),
      (select max(outcome_at) from interviews),
      (select count(*) from integrations), (select count(*) from integration_events),
      (select count(*) from external_records)) as f`.execute(h.db)
  return rows[0]!.f
}

const h = useHarness({ RESEND_WEBHOOK_SECRET: newWebhookSecret() })
const agency = useAgency(h)
beforeAll(async () => {
  session = (await createSession(h, agency)).token
  const interview = await logInterview(h, agency.secretKey)
  interviewId = interview.id
  scheduledId = (
    await logInterview(h, session, {
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    })
  ).id
  interviewerId = interview.interviewers[0].id
  token = await coachingLinkOf(h, interviewId)
  integration = await createWebhookIntegration(h, agency)
  // let the coaching email settle so background writes don't look like fuzz damage
  await new Promise((r) => setTimeout(r, 300))
})

const fields = {
  name: fc.string(),
  email: fc.oneof(fc.emailAddress(), fc.string()),
  kind: fc.constantFrom('secret', 'publishable', 'x', ''),
  type: fc.constantFrom(
    'copied',
    'mail_opened',
    'sent',
    'unsent',
    'opened',
    '',
    'interview.scheduled',
    'interview.canceled',
  ),
  interviewerId: fc.oneof(fc.uuid(), fc.string()),
  body: fc.string({ maxLength: 300 }),
  candidate: fc.record({ name: fc.string(), email: fc.string() }),
  startsAt: fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.string(),
  ),
  durationMinutes: fc.oneof(fc.integer(), fc.double()),
  interviewers: fc.array(fc.record({ name: fc.string() }), { maxLength: 12 }),
  externalRef: fc.record({ system: fc.string(), id: fc.string() }),
  provider: fc.constantFrom('webhook', 'bullhorn', ''),
  credentials: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
  settings: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })),
  id: fc.string({ maxLength: 40 }),
  occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  event: fc.constantFrom('interview.scheduled', 'interview.outcome', 'x'),
  interview: fc.record({ externalRef: fc.record({ id: fc.string() }), startsAt: fc.string() }),
  outcome: fc.record({ stage: fc.string() }),
  talkingPoints: fc.oneof(fc.string(), fc.constant(null)),
  stage: fc.constantFrom('advanced', 'offer', 'hired', 'rejected', 'withdrawn', 'x'),
}
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(fields),
  // some of the fields: a patch's shape
  fc.record(fields, { requiredKeys: [] }),
)
const rawBody = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[', '{"a":', '\u0000', '%%%', 'List-Unsubscribe=One-Click'),
)
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
)
const pathParam = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('..%2F..%2Fhealth'))
const headerValue = fc.string({ maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s))

interface Target {
  name: string
  method: string
  path: (param: string) => string
  token?: () => string
}

const targets: Target[] = [
  {
    name: 'POST /v1/agencies',
    method: 'POST',
    path: () => '/v1/agencies',
    token: () => ADMIN_TOKEN,
  },
  {
    name: 'PATCH /v1/agency',
    method: 'PATCH',
    path: () => '/v1/agency',
    token: () => agency.secretKey,
  },
  { name: 'POST /v1/keys', method: 'POST', path: () => '/v1/keys', token: () => agency.secretKey },
  {
    name: 'DELETE /v1/keys/:id',
    method: 'DELETE',
    path: (p) => `/v1/keys/${encodeURIComponent(p)}`,
    token: () => agency.secretKey,
  },
  {
    name: 'POST /v1/sessions',
    method: 'POST',
    path: () => '/v1/sessions',
    token: () => agency.secretKey,
  },
  {
    name: 'POST /v1/recruiters/sign-out',
    method: 'POST',
    path: () => '/v1/recruiters/sign-out',
    token: () => agency.secretKey,
  },
  {
    name: 'POST /v1/interviews',
    method: 'POST',
    path: () => '/v1/interviews',
    token: () => session,
  },
  {
    name: 'POST /v1/interviews/:id/resend',
    method: 'POST',
    path: (p) => `/v1/interviews/${encodeURIComponent(p)}/resend`,
    token: () => session,
  },
  {
    name: 'PATCH /v1/interviews/:id',
    method: 'PATCH',
    path: (p) => `/v1/interviews/${p.length % 2 ? scheduledId : encodeURIComponent(p)}`,
    token: () => session,
  },
  {
    name: 'POST /v1/interviews/:id/cancel',
    method: 'POST',
    path: (p) => `/v1/interviews/${encodeURIComponent(p)}/cancel`,
    token: () => session,
  },
  {
    name: 'POST /v1/interviews/:id/outcome',
    method: 'POST',
    path: (p) => `/v1/interviews/${p.length % 2 ? interviewId : encodeURIComponent(p)}/outcome`,
    token: () => session,
  },
  {
    name: 'POST /v1/candidates/erase',
    method: 'POST',
    path: () => '/v1/candidates/erase',
    token: () => agency.secretKey,
  },
  {
    name: 'POST /c/:token/events',
    method: 'POST',
    path: (p) => `/c/${p.length % 2 ? token : encodeURIComponent(p)}/events`,
  },
  {
    name: 'PUT /c/:token/drafts/:id',
    method: 'PUT',
    path: (p) => `/c/${token}/drafts/${p.length % 3 ? interviewerId : encodeURIComponent(p)}`,
  },
  {
    name: 'POST /c/:token/notes/:id',
    method: 'POST',
    path: (p) => `/c/${token}/notes/${p.length % 3 ? interviewerId : encodeURIComponent(p)}`,
  },
  { name: 'POST /u/:token', method: 'POST', path: (p) => `/u/${encodeURIComponent(p)}` },
  { name: 'POST /webhooks/resend', method: 'POST', path: () => '/webhooks/resend' },
  {
    name: 'POST /v1/integrations',
    method: 'POST',
    path: () => '/v1/integrations',
    token: () => agency.secretKey,
  },
  {
    name: 'DELETE /v1/integrations/:id',
    method: 'DELETE',
    // never the file's own integration, which the next target sends events to
    path: (p) => `/v1/integrations/${encodeURIComponent(p)}`,
    token: () => agency.secretKey,
  },
  {
    name: 'POST /integrations/:id/events',
    method: 'POST',
    path: (p) => `/integrations/${p.length % 2 ? integration.id : encodeURIComponent(p)}/events`,
  },
]

describe.each(targets)('fuzz $name', (target) => {
  it(`${runs} random requests: no 5xx, and a refusal writes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        contentType,
        pathParam,
        fc.option(headerValue),
        fc.boolean(),
        async (body, type, param, idempotencyKey, withToken) => {
          const before = await fingerprint()
          const headers: Record<string, string> = { 'content-type': type }
          if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey
          // "with a token", a delivery is signed with the integration's secret, so the body is read
          if (target.name.startsWith('POST /integrations')) {
            headers['followthrough-signature'] = withToken
              ? signatureOf(integration.signingSecret, body)
              : `t=${Math.floor(Date.now() / 1000)},v1=${Buffer.from(param).toString('hex')}`
          }
          if (target.name.startsWith('POST /webhooks')) {
            headers['svix-id'] = param
            headers['svix-timestamp'] = String(Math.floor(Date.now() / 1000))
            headers['svix-signature'] = `v1,${Buffer.from(param).toString('base64')}`
          }
          const res = await h.request(target.method, target.path(param), {
            token: withToken ? target.token?.() : undefined,
            rawBody: body,
            headers,
          })
          expect(res.status, `${target.name} ${res.text.slice(0, 200)}`).toBeLessThan(500)
          if (res.status >= 400) expect(await fingerprint()).toBe(before)
        },
      ),
      { numRuns: runs },
    )
  }, 600_000)
})
