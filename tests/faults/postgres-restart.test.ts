import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgency, interviewBody, runCron, type TestAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

const clients = 8
const requestTimeoutMs = 10_000
const restarts = 2
/** traffic before each restart, and after the last */
const healthyMs = 2_000
const downForMs = 2_000
const recoveryBudgetMs = 3_000
/** how long a client waits after a 503 before its next request */
const backOffMs = 200

let h: Harness
let proxy: TcpProxy
beforeAll(async () => {
  // the worker reaches the database only through the proxy; h.db connects directly
  h = await startHarness(async (database) => {
    const target = new URL(database.url)
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432))
    return { DATABASE_URL: proxy.proxiedUrl(database.url) }
  })
})
afterAll(async () => {
  await h?.close()
  await proxy?.close()
})

type Kind = 'create' | 'list' | 'stats'

interface Outcome {
  kind: Kind
  /** the create's Idempotency-Key */
  key?: string
  startedAt: number
  endedAt: number
  status: number | 'timeout' | 'no answer'
  body: any
  retryAfter: string | null
}

const now = () => performance.now()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const succeeded = (o: Outcome) => typeof o.status === 'number' && o.status >= 200 && o.status < 300

async function send(
  kind: Kind,
  method: string,
  path: string,
  agency: TestAgency,
  create?: { key: string; body: unknown },
): Promise<Outcome> {
  const startedAt = now()
  const headers: Record<string, string> = { authorization: `Bearer ${agency.secretKey}` }
  if (create) {
    headers['content-type'] = 'application/json'
    headers['idempotency-key'] = create.key
  }
  try {
    const res = await fetch(h.baseUrl + path, {
      method,
      headers,
      body: create ? JSON.stringify(create.body) : undefined,
      signal: AbortSignal.timeout(requestTimeoutMs),
    })
    const text = await res.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: kept as text, and the shape assertions below fail on it
    }
    return {
      kind,
      key: create?.key,
      startedAt,
      endedAt: now(),
      status: res.status,
      body,
      retryAfter: res.headers.get('retry-after'),
    }
  } catch (err) {
    const status = (err as Error).name === 'TimeoutError' ? 'timeout' : 'no answer'
    return {
      kind,
      key: create?.key,
      startedAt,
      endedAt: now(),
      status,
      body: String(err),
      retryAfter: null,
    }
  }
}

/** Ends every other session of the test database, as a server's fast shutdown does (57P01). */
async function terminateSessions(): Promise<number> {
  const { rows } = await sql<{ pid: number }>`
    select pg_terminate_backend(pid), pid from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()`.execute(h.db)
  return rows.length
}

interface Restart {
  downAt: number
  upAt: number
  terminated: number
  cut: number
}

/** No new connections, the open ones ended by the server (a real one) and cut, then back up. */
async function restartServer(): Promise<Restart> {
  const downAt = now()
  proxy.down()
  const terminated = process.env.TEST_DATABASE_URL ? await terminateSessions() : 0
  const cut = await proxy.cut()
  await sleep(downForMs)
  const upAt = now()
  proxy.up()
  return { downAt, upAt, terminated, cut }
}

describe('Postgres restarted mid-traffic', () => {
  it('answers 2xx or a clean 503, recovers, and leaves no half-written interview', async () => {
    // the clients may log more than a day's default send quota
    const agency = await createAgency(h, { sendQuotas: { agencyPerDay: 20_000 } })
    const bodies = new Map<string, ReturnType<typeof interviewBody>>()
    const outcomes: Outcome[] = []
    let stopped = false

    // half of it creates: only they hold a transaction open when the connection goes
    async function client(n: number) {
      for (let i = 0; !stopped; i++) {
        const kind = (['create', 'list', 'create', 'stats'] as const)[(n + i) % 4]!
        let outcome: Outcome
        if (kind === 'create') {
          const key = `restart-${n}-${i}`
          const body = interviewBody()
          bodies.set(key, body)
          outcome = await send(kind, 'POST', '/v1/interviews', agency, { key, body })
        } else if (kind === 'list') {
          outcome = await send(kind, 'GET', '/v1/interviews?limit=20', agency)
        } else {
          outcome = await send(kind, 'GET', '/v1/stats', agency)
        }
        outcomes.push(outcome)
        if (!succeeded(outcome)) await sleep(backOffMs)
      }
    }

    const traffic = Array.from({ length: clients }, (_, n) => client(n))
    const outages: Restart[] = []
    for (let n = 0; n < restarts; n++) {
      await sleep(healthyMs)
      outages.push(await restartServer())
    }
    await sleep(healthyMs)
    stopped = true
    await Promise.all(traffic)

    // every answer is a success or a clean 503 in the API's error shape, and none hung
    const unclean = outcomes.filter((o) => !succeeded(o) && o.status !== 503)
    expect(unclean.map((o) => `${o.kind} ${o.status} ${JSON.stringify(o.body)}`)).toEqual([])
    const unavailable = outcomes.filter((o) => o.status === 503)
    for (const o of unavailable) {
      expect(o.body).toEqual({
        error: {
          code: 'unavailable',
          message: expect.any(String),
          requestId: expect.any(String),
        },
      })
      expect(o.retryAfter).toMatch(/^\d+$/)
      expect(JSON.stringify(o.body)).not.toMatch(/127\.0\.0\.1|postgres|ECONN|socket/i)
    }

    const recoveries = outages.map(({ downAt, upAt }, n) => {
      // the outage was seen: requests made while the server was down failed
      const whileDown = outcomes.filter((o) => o.startedAt >= downAt && o.endedAt <= upAt)
      expect(whileDown.length).toBeGreaterThan(0)
      expect(whileDown.filter((o) => o.status !== 503)).toEqual([])

      // it recovered within a few seconds and stayed up: whatever was sent after the last failure
      // succeeded (a failure is quick, so this does not depend on how loaded the machine is)
      const nextDownAt = outages[n + 1]?.downAt ?? Infinity
      const afterUp = outcomes.filter((o) => o.startedAt >= upAt && o.endedAt < nextDownAt)
      const lastFailure = Math.max(
        upAt,
        ...afterUp.filter((o) => !succeeded(o)).map((o) => o.startedAt),
      )
      expect(lastFailure - upAt).toBeLessThan(recoveryBudgetMs)
      const afterRecovery = afterUp.filter((o) => o.startedAt > lastFailure)
      expect(afterRecovery.length).toBeGreaterThan(0)
      expect(afterRecovery.filter((o) => !succeeded(o))).toEqual([])
      return {
        lastFailureAfterUpMs: Math.round(lastFailure - upAt),
        firstSuccessAfterUpMs: Math.round(
          Math.min(...afterUp.filter(succeeded).map((o) => o.endedAt)) - upAt,
        ),
      }
    })

    // a client retries each create that failed, with the same key and body
    const creates = outcomes.filter((o) => o.kind === 'create')
    const createdIds = new Map<string, string>()
    for (const o of creates) if (o.status === 201) createdIds.set(o.key!, o.body.id)
    const retried = creates.filter((o) => o.status !== 201)
    expect(retried.length).toBeGreaterThan(0)
    // a 503 whose interview was committed all the same (the answer was lost): the retry replays it
    let committedBefore503 = 0
    const toRetry = [...retried]
    async function retrier() {
      for (let o = toRetry.shift(); o; o = toRetry.shift()) {
        const again = await send('create', 'POST', '/v1/interviews', agency, {
          key: o.key!,
          body: bodies.get(o.key!),
        })
        expect(again.status, JSON.stringify(again.body)).toBe(201)
        createdIds.set(o.key!, again.body.id)
        if (Date.parse(again.body.createdAt) < performance.timeOrigin + o.endedAt) {
          committedBefore503 += 1
        }
      }
    }
    await Promise.all(Array.from({ length: clients }, retrier))

    // one interview per key: every 201 is in the database, nothing created twice
    const rows = await h.db
      .selectFrom('interviews as i')
      .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
      .select(['i.id', 'c.email'])
      .where('i.agency_id', '=', agency.id)
      .execute()
    expect(rows.length).toBe(bodies.size)
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(createdIds.values()))
    expect(new Set(rows.map((r) => r.email))).toEqual(
      new Set([...bodies.values()].map((b) => b.candidate.email)),
    )

    // no half-written interview: each has its candidate, interviewers and both emails; once the
    // outbox has caught up, its coaching email has gone out and its link works
    // (past the lease of a send the cut interrupted, and the backoff of one it failed)
    await runCron(h, new Date(Date.now() + 15 * 60_000))
    await runCron(h, new Date(Date.now() + 60 * 60_000))
    const { rows: parts } = await sql<Record<string, number>>`
      select
        (select count(*) from candidates c where c.id = i.candidate_id)::int as candidates,
        (select count(*) from interviewers p where p.interview_id = i.id)::int as interviewers,
        (select count(*) from coaching_links l where l.interview_id = i.id)::int as links,
        (select count(*) from emails e where e.interview_id = i.id and e.kind = 'coaching'
          and e.state in ('sent', 'captured'))::int as coaching_emails,
        (select count(*) from emails e
          where e.interview_id = i.id and e.kind = 'reminder')::int as reminders
      from interviews i where i.agency_id = ${agency.id}`.execute(h.db)
    const whole = { candidates: 1, interviewers: 2, links: 1, coaching_emails: 1, reminders: 1 }
    expect(parts.filter((p) => JSON.stringify(p) !== JSON.stringify(whole))).toEqual([])
    const { rows: leftovers } = await sql<{ candidates: number; keys: number }>`
      select
        (select count(*) from candidates c where c.agency_id = ${agency.id}
          and not exists (select 1 from interviews i where i.candidate_id = c.id))::int as candidates,
        (select count(*) from idempotency_keys k where k.scope = ${agency.id}
          and k.response_status <> 201)::int as keys`.execute(h.db)
    expect(leftovers[0]).toEqual({ candidates: 0, keys: 0 })

    console.info(
      `postgres restart (${process.env.TEST_DATABASE_URL ? 'server' : 'embedded'}):`,
      JSON.stringify({
        requests: outcomes.length,
        ok: outcomes.filter(succeeded).length,
        unavailable: unavailable.length,
        terminatedSessions: outages.map((r) => r.terminated),
        cutConnections: outages.map((r) => r.cut),
        recoveries,
        creates: creates.length,
        retried: retried.length,
        committedBefore503,
        interviews: rows.length,
      }),
    )
  }, 40_000)
})
