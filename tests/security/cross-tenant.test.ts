import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coachedInterview } from '../candidate/helpers'
import {
  documentedOperations,
  type DocumentedOperation,
  type JsonSchema,
} from '../support/api-document'
import { createAgency, createSession, type TestAgency } from '../support/factories'
import { resendBindings, startFakeResend, type FakeResend } from '../support/fake-resend'
import { startHarness, type Harness, type RequestOptions } from '../support/harness'
import {
  createWebhookIntegration,
  eventInterview,
  inboundEvent,
  signatureOf,
  type TestIntegration,
} from '../support/integrations'

/**
 * Every operation of /openapi.json, called with the credentials of another agency, another
 * recruiter and another candidate, aimed at agency A's resources. A route added to the document
 * is covered the day it is added: nothing below names a route.
 */

interface World {
  a: TestAgency
  alice: string
  carol: string
  foreign: Record<string, string>
  /** path parameter values that name A's resources, by the collection they belong to */
  ids: Record<string, string>
  /** strings that must never reach another tenant */
  secrets: string[]
  /** A's secret candidate's interview, and the interviewer every id beside a link token names */
  interviewId: string
  interviewerId: string
  /** the secret candidate's own link token */
  ownToken: string
  /** the link tokens of other candidates, with the secrets each must never see */
  otherCandidates: Record<string, { token: string; secrets: string[] }>
  /** A's integration, and the signing secrets of others that must not make it act */
  integration: TestIntegration
  foreignSigningSecrets: Record<string, string>
}

let h: Harness
let fake: FakeResend
let world: World
// every operation of the API document, as the app generates it; a link's token is its credential
const linkOperations = documentedOperations.filter((op) => op.link)
const signedOperations = documentedOperations.filter((op) => op.signature)
const bearerOperations = documentedOperations.filter((op) => !op.link && !op.signature)

async function snapshotOf(agencyId: string): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`
    select md5(string_agg(t::text, '|' order by t::text)) as snapshot from (
      select row_to_json(a)::text as t from agencies a where id = ${agencyId}
      union all select row_to_json(k)::text from api_keys k where agency_id = ${agencyId}
      union all select row_to_json(r)::text from recruiters r where agency_id = ${agencyId}
      union all select row_to_json(c)::text from candidates c where agency_id = ${agencyId}
      union all select row_to_json(i)::text from interviews i where agency_id = ${agencyId}
      union all select row_to_json(p)::text from interviewers p
        join interviews i on i.id = p.interview_id where i.agency_id = ${agencyId}
      union all select row_to_json(l)::text from coaching_links l
        join interviews i on i.id = l.interview_id where i.agency_id = ${agencyId}
      union all select row_to_json(d)::text from drafts d
        join interviews i on i.id = d.interview_id where i.agency_id = ${agencyId}
      union all select row_to_json(e)::text from events e where agency_id = ${agencyId}
      union all select row_to_json(g)::text from integrations g where agency_id = ${agencyId}
      union all select row_to_json(v)::text from integration_events v
        join integrations g on g.id = v.integration_id where g.agency_id = ${agencyId}
      union all select row_to_json(x)::text from external_records x where agency_id = ${agencyId}
      union all select (row_to_json(e)::jsonb - 'next_attempt_at' - 'attempts' - 'state' - 'send_key' - 'sent_at' - 'provider_id' - 'last_error')::text
        from emails e where agency_id = ${agencyId}
    ) rows`.execute(h.db)
  return rows[0]!.snapshot
}

/**
 * The rows of one interview that its candidate's link can change: other candidates change their
 * own, so only these must stay still. A draft or event is the interview's if it names one of its
 * interviewers, whichever interview it claims; an email counts by whether it was canceled, as
 * delivery moves the rest on its own.
 */
async function snapshotOfInterview(interviewId: string): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`
    with people as (select id from interviewers where interview_id = ${interviewId})
    select md5(string_agg(t, '|' order by t)) as snapshot from (
      select row_to_json(i)::text as t from interviews i where i.id = ${interviewId}
      union all select row_to_json(c)::text from candidates c
        join interviews i on i.candidate_id = c.id where i.id = ${interviewId}
      union all select row_to_json(p)::text from interviewers p where p.interview_id = ${interviewId}
      union all select row_to_json(l)::text from coaching_links l where l.interview_id = ${interviewId}
      union all select row_to_json(d)::text from drafts d
        where d.interview_id = ${interviewId} or d.interviewer_id in (select id from people)
      union all select row_to_json(e)::text from events e
        where e.interview_id = ${interviewId} or e.interviewer_id in (select id from people)
      union all select json_build_object('email', m.id, 'canceled', m.state = 'canceled')::text
        from emails m where m.interview_id = ${interviewId}
    ) rows`.execute(h.db)
  return rows[0]!.snapshot
}

/** The strings of `secrets` that appear in `text`: what a route that lost its scope would leak. */
export function leaksIn(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s))
}

beforeAll(async () => {
  fake = await startFakeResend()
  h = await startHarness(resendBindings(fake))
  const a = await createAgency(h, { name: 'Agency A Talent' })
  const b = await createAgency(h, { name: 'Agency B People' })
  const alice = await createSession(h, a, { externalId: 'alice', name: 'Alice Anders' })
  const carol = await createSession(h, a, { externalId: 'carol', name: 'Carol Cole' })
  const bob = await createSession(h, b, { externalId: 'bob', role: 'recruiter' })
  const boss = await createSession(h, b, { externalId: 'boss', role: 'manager' })
  const secret = await coachedInterview(h, fake, alice.token, {
    candidate: { name: 'Secret Candidate', email: 'secret.candidate@example.com' },
    clientCompany: 'Hidden Client Co',
  })
  const interviewerId: string = secret.interview.interviewers[0].id
  const draft = 'Dear Priya, the secret draft about the churn model'
  const saved = await h.request('PUT', `/c/${secret.token}/drafts/${interviewerId}`, {
    json: { body: draft },
  })
  expect(saved.status, saved.text).toBe(200)
  const sameAgency = await coachedInterview(h, fake, carol.token)
  const otherAgency = await coachedInterview(h, fake, b)
  const keys = await h.request('GET', '/v1/keys', { token: a.secretKey })
  const keyId = keys.body.data[0].id
  const integration = await createWebhookIntegration(h, a)
  const bIntegration = await createWebhookIntegration(h, b)
  const secrets = [
    a.id,
    keyId,
    alice.recruiterId,
    'Agency A Talent',
    secret.interview.id,
    ...secret.interview.interviewers.map((p: { id: string }) => p.id),
    'Secret Candidate',
    'secret.candidate@example.com',
    'Hidden Client Co',
    secret.token,
    draft,
    integration.id,
    integration.signingSecret,
  ]
  world = {
    a,
    alice: alice.token,
    carol: carol.token,
    foreign: { 'B secret key': b.secretKey, 'B manager': boss.token, 'B recruiter': bob.token },
    ids: {
      keys: keyId,
      interviews: secret.interview.id,
      recruiters: alice.recruiterId,
      integrations: integration.id,
      default: secret.interview.id,
    },
    secrets,
    interviewId: secret.interview.id,
    interviewerId,
    ownToken: secret.token,
    otherCandidates: {
      "B's candidate": { token: otherAgency.token, secrets },
      // every page of a link names the agency it comes from
      "A's other candidate": {
        token: sameAgency.token,
        secrets: secrets.filter((s) => s !== 'Agency A Talent'),
      },
    },
    integration,
    foreignSigningSecrets: {
      "B's signing secret": bIntegration.signingSecret,
      "A's secret key": a.secretKey,
    },
  }
})
afterAll(async () => {
  await h?.close()
  await fake?.close()
})

function requestFor(op: DocumentedOperation) {
  const collection = op.path.split('/')[2] ?? 'default'
  const path = op.path.replace(/\{\w+\}/g, () => world.ids[collection] ?? world.ids.default!)
  const query = op.method === 'get' ? `?recruiterId=${world.ids.recruiters}` : ''
  const json =
    op.method === 'get' || op.method === 'delete'
      ? undefined
      : { email: 'secret.candidate@example.com', name: 'Renamed', kind: 'publishable' }
  return { method: op.method.toUpperCase(), path: path + query, json }
}

/**
 * The values a schema accepts, aimed at A: every uuid is A's interviewer, every text the caller's
 * own words. An enum gives each of its values, so an object gives one body per such value.
 */
function valuesFor(schema: JsonSchema): unknown[] {
  if (schema.enum) return schema.enum
  if ('const' in schema) return [schema.const]
  const choice = schema.anyOf ?? schema.oneOf
  if (choice) return valuesFor(choice[0]!)
  switch (schema.type) {
    case 'object': {
      const fields = Object.entries(schema.properties ?? {}).map(
        ([name, field]) => [name, valuesFor(field)] as const,
      )
      const base = Object.fromEntries(fields.map(([name, values]) => [name, values[0]]))
      const variants = fields.flatMap(([name, values]) =>
        values.slice(1).map((value) => ({ ...base, [name]: value })),
      )
      return [base, ...variants]
    }
    case 'array':
      return [valuesFor(schema.items ?? {}).slice(0, 1)]
    case 'integer':
    case 'number':
      return [1]
    case 'boolean':
      return [true]
    case 'string':
      if (schema.format === 'uuid') return [world.interviewerId]
      if (schema.format === 'date-time') return [new Date().toISOString()]
      return ['Thank you, from a candidate who is not the secret one']
    default:
      return [null]
  }
}

const nameOf = (op: DocumentedOperation) => `${op.method.toUpperCase()} ${op.path}`

/** A link operation's requests with `token`: every other path parameter names A's interviewer. */
function linkRequestsFor(op: DocumentedOperation, token: string) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'token' ? token : world.interviewerId,
  )
  const bodies = op.body ? valuesFor(op.body.schema) : [undefined]
  return bodies.map((body) => {
    const options: RequestOptions =
      body === undefined
        ? {}
        : op.body!.type === 'application/x-www-form-urlencoded'
          ? {
              rawBody: new URLSearchParams(body as Record<string, string>).toString(),
              headers: { 'content-type': op.body!.type },
            }
          : { json: body }
    return { method: op.method.toUpperCase(), path, body, options }
  })
}

/**
 * Calls every link operation with `token`, aimed at A's secret interview, and says, by operation,
 * what came back with `secrets` in it, what failed with a 5xx, and whether A's rows changed.
 */
async function probeLinkOperations(token: string, secrets: string[]) {
  const found: Record<string, string[]> = {}
  for (const op of linkOperations) {
    const problems: string[] = []
    const before = await snapshotOfInterview(world.interviewId)
    for (const req of linkRequestsFor(op, token)) {
      const res = await h.request(req.method, req.path, req.options)
      const call = `${JSON.stringify(req.body ?? null)} → ${res.status}`
      const leaked = leaksIn(res.text, secrets)
      if (leaked.length) problems.push(`${call} shows ${leaked.join(', ')}`)
      if (res.status >= 500) problems.push(call)
    }
    if ((await snapshotOfInterview(world.interviewId)) !== before) problems.push("changed A's rows")
    if (problems.length) found[nameOf(op)] = problems
  }
  return found
}

/**
 * Calls every signed operation aimed at A's integration with a valid event for each body the
 * document allows, signed with `secret`, and says what came back with A's secrets in it, what was
 * not a 401, and whether A's rows changed.
 */
async function probeSignedOperations(secret: string) {
  const found: Record<string, string[]> = {}
  for (const op of signedOperations) {
    const problems: string[] = []
    const before = await snapshotOf(world.a.id)
    const path = op.path.replace('{id}', world.integration.id)
    const bodies = [
      inboundEvent('interview.scheduled', eventInterview('cross-tenant-1')),
      inboundEvent('interview.canceled', { externalRef: { id: 'cross-tenant-2' } }),
      ...valuesFor(op.body!.schema),
    ]
    for (const body of bodies) {
      const raw = JSON.stringify(body)
      const res = await h.request(op.method.toUpperCase(), path, {
        rawBody: raw,
        headers: {
          'content-type': 'application/json',
          'followthrough-signature': signatureOf(secret, raw),
        },
      })
      const leaked = leaksIn(res.text, world.secrets)
      if (leaked.length) problems.push(`${raw.slice(0, 60)} shows ${leaked.join(', ')}`)
      if (res.status !== 401) problems.push(`${raw.slice(0, 60)} → ${res.status}`)
    }
    if ((await snapshotOf(world.a.id)) !== before) problems.push("changed A's rows")
    if (problems.length) found[nameOf(op)] = problems
  }
  return found
}

describe('cross-tenant: every documented operation', () => {
  it('covers the whole API document', () => {
    expect(bearerOperations.length).toBeGreaterThanOrEqual(13)
    expect(linkOperations.length).toBeGreaterThanOrEqual(6)
    expect(signedOperations.length).toBeGreaterThanOrEqual(1)
  })

  it("never lets another agency's signing secret make A's integration act", async () => {
    for (const [who, secret] of Object.entries(world.foreignSigningSecrets)) {
      expect(await probeSignedOperations(secret), who).toEqual({})
    }
  })

  it("never answers another agency's credentials with A's data, nor changes A's rows", async () => {
    const before = await snapshotOf(world.a.id)
    const failures: string[] = []
    for (const op of bearerOperations) {
      const req = requestFor(op)
      for (const [who, token] of Object.entries(world.foreign)) {
        const res = await h.request(req.method, req.path, { token, json: req.json })
        const leaked = leaksIn(res.text, world.secrets)
        if (leaked.length)
          failures.push(`${who} ${req.method} ${req.path} → ${res.status}: ${leaked}`)
        if (res.status >= 500) failures.push(`${who} ${req.method} ${req.path} → ${res.status}`)
      }
    }
    expect(failures).toEqual([])
    expect(await snapshotOf(world.a.id)).toBe(before)
  })

  it("never shows one recruiter another recruiter's interview", async () => {
    const failures: string[] = []
    for (const op of bearerOperations.filter((o) => o.path.startsWith('/v1/interviews'))) {
      const req = requestFor(op)
      const res = await h.request(req.method, req.path, { token: world.carol, json: req.json })
      const leaked = leaksIn(res.text, ['Secret Candidate', 'secret.candidate@example.com'])
      if (leaked.length || res.status >= 500)
        failures.push(`${req.method} ${req.path} → ${res.status}`)
    }
    expect(failures).toEqual([])
  })

  it("never lets another candidate's link read or change A's candidate", async () => {
    for (const [who, other] of Object.entries(world.otherCandidates)) {
      expect(await probeLinkOperations(other.token, other.secrets), who).toEqual({})
    }
  })
})

describe('the suite itself', () => {
  it('would catch a route that dropped its scope', async () => {
    // What an unscoped GET /v1/interviews/:id would hand agency B: exactly what A itself reads.
    const unscoped = await h.request('GET', `/v1/interviews/${world.ids.interviews}`, {
      token: world.a.secretKey,
    })
    expect(leaksIn(unscoped.text, world.secrets)).toContain('secret.candidate@example.com')
    const scoped = await h.request('GET', `/v1/interviews/${world.ids.interviews}`, {
      token: world.foreign['B secret key'],
    })
    expect(leaksIn(scoped.text, world.secrets)).toEqual([])
  })

  it("would catch a signed route that took another integration's secret", async () => {
    // with A's own signing secret the same deliveries are accepted and change A's rows
    const caught = await probeSignedOperations(world.integration.signingSecret)
    expect(Object.keys(caught).sort()).toEqual(signedOperations.map(nameOf).sort())
    for (const op of signedOperations) expect(caught[nameOf(op)]).toContain("changed A's rows")
  })

  it('would catch a link route that found the interviewer without scoping it to the link', async () => {
    // Such a route acts on A's interviewer for any link as it does for A's own. With A's own
    // token the same requests show A's data or change A's rows on every link operation, every
    // write among them changing rows: the bodies built from the document do reach the routes.
    const caught = await probeLinkOperations(world.ownToken, world.secrets)
    expect(Object.keys(caught).sort()).toEqual(linkOperations.map(nameOf).sort())
    for (const op of linkOperations.filter((o) => o.method !== 'get')) {
      expect(caught[nameOf(op)], nameOf(op)).toContain("changed A's rows")
    }
  })
})
