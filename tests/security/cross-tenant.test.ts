import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgency, createSession, logInterview, type TestAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'

/**
 * Every operation of /openapi.json, called with the credentials of another agency and of another
 * recruiter, aimed at agency A's resources. A route added to the document is covered the day it
 * is added: nothing below names a route.
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
}

let h: Harness
let world: World
let operations: { method: string; path: string; operationId: string }[]

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
      union all select (row_to_json(e)::jsonb - 'next_attempt_at' - 'attempts' - 'state' - 'send_key' - 'sent_at' - 'provider_id' - 'last_error')::text
        from emails e where agency_id = ${agencyId}
    ) rows`.execute(h.db)
  return rows[0]!.snapshot
}

/** The strings of `secrets` that appear in `text`: what a route that lost its scope would leak. */
export function leaksIn(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s))
}

beforeAll(async () => {
  h = await startHarness()
  const a = await createAgency(h, { name: 'Agency A Talent' })
  const b = await createAgency(h, { name: 'Agency B People' })
  const alice = await createSession(h, a, { externalId: 'alice', name: 'Alice Anders' })
  const carol = await createSession(h, a, { externalId: 'carol', name: 'Carol Cole' })
  const bob = await createSession(h, b, { externalId: 'bob', role: 'recruiter' })
  const boss = await createSession(h, b, { externalId: 'boss', role: 'manager' })
  const interview = await logInterview(h, alice.token, {
    candidate: { name: 'Secret Candidate', email: 'secret.candidate@example.com' },
    clientCompany: 'Hidden Client Co',
  })
  const keys = await h.request('GET', '/v1/keys', { token: a.secretKey })
  const keyId = keys.body.data[0].id
  world = {
    a,
    alice: alice.token,
    carol: carol.token,
    foreign: { 'B secret key': b.secretKey, 'B manager': boss.token, 'B recruiter': bob.token },
    ids: { keys: keyId, interviews: interview.id, default: interview.id },
    secrets: [
      a.id,
      keyId,
      interview.id,
      alice.recruiterId,
      ...interview.interviewers.map((p: { id: string }) => p.id),
      'Secret Candidate',
      'secret.candidate@example.com',
      'Hidden Client Co',
      'Agency A Talent',
    ],
  }
  const doc = (await h.request('GET', '/openapi.json')).body
  operations = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>)
    .filter(([path]) => path.startsWith('/v1'))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method, path, operationId: op.operationId })),
    )
})
afterAll(() => h?.close())

function requestFor(op: { method: string; path: string }) {
  const collection = op.path.split('/')[2] ?? 'default'
  const path = op.path.replace(/\{\w+\}/g, () => world.ids[collection] ?? world.ids.default!)
  const query = op.method === 'get' ? `?recruiterId=${encodeURIComponent(world.secrets[3]!)}` : ''
  const json =
    op.method === 'get' || op.method === 'delete'
      ? undefined
      : { email: 'secret.candidate@example.com', name: 'Renamed', kind: 'publishable' }
  return { method: op.method.toUpperCase(), path: path + query, json }
}

describe('cross-tenant: every documented operation', () => {
  it('covers the whole API document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(12)
  })

  it("never answers another agency's credentials with A's data, nor changes A's rows", async () => {
    const before = await snapshotOf(world.a.id)
    const failures: string[] = []
    for (const op of operations) {
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
    for (const op of operations.filter((o) => o.path.startsWith('/v1/interviews'))) {
      const req = requestFor(op)
      const res = await h.request(req.method, req.path, { token: world.carol, json: req.json })
      const leaked = leaksIn(res.text, ['Secret Candidate', 'secret.candidate@example.com'])
      if (leaked.length || res.status >= 500)
        failures.push(`${req.method} ${req.path} → ${res.status}`)
    }
    expect(failures).toEqual([])
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
})
