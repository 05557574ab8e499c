import { gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { compactStatsDays } from '../../worker/services/interview-facts'
import postgres from 'postgres'
import { sizeBudgets } from '../support/budgets'
import { prepareLoad, runLoad, type LoadReport, type LoadTarget } from '../support/load'
import { startPgCapture } from '../support/pg-capture'
import { freePort, type PgBouncer } from '../support/pgbouncer'
import { replayScript, runPgbench } from './ceiling'
import { descendantsNamed, profileCpu, type CpuProfile } from './cpu'
import { bytes, ms, p50Of, type Row } from './measure'
import { openProfiler, summarizeProfile, type WorkerProfile } from './worker-profile'
import { ADMIN_TOKEN, startBenchWorld } from './world'

/** A database route's load through the pool against pgbench running its statements there. */
export interface Ceiling {
  name: string
  load: LoadReport
  /** pgbench transactions per second, each a new connection through the pool */
  ceiling: number
  statements: number
  /** pgbench transactions in all */
  transactions: number
  /** where the machine's CPU went during the load */
  cpu: CpuProfile
  /** and during pgbench */
  ceilingCpu: CpuProfile
  /** where workerd's time went in a sampled load after the measured one, and its requests */
  profile: WorkerProfile & { requests: number }
}

export interface RouteRun {
  rows: Row[]
  loads: LoadReport[]
  ceilings: Ceiling[]
}

/** A new connection and `select 1`: what any database route costs at the least, loaded too */
export const floorRoute = 'GET /health (floor)'

const bareWorker = {
  name: 'bare',
  modules: true,
  routes: ['bare.local/*'],
  script: `export default { fetch() { return Response.json({ ok: true }) } }`,
  compatibilityDate: '2026-04-20',
}

/**
 * Routes one caller at a time, then 50 callers at once, against a bare route in the same workerd.
 * With `pool` the worker reaches Postgres through it (Hyperdrive's stand-in), and each database
 * route's load is followed by its ceiling: the statements one request of it ran, captured on the
 * wire and replayed by pgbench through the same pool with a new connection per transaction.
 */
export async function benchRoutes(options: {
  iterations: number
  loadSeconds: number
  pool?: PgBouncer
}): Promise<RouteRun> {
  const { iterations, loadSeconds, pool } = options
  const via = pool ? 'pool' : 'direct'
  const rows: Row[] = []
  const loads: LoadReport[] = []
  const ceilings: Ceiling[] = []
  // through the pool, each route's load is followed by one the worker's V8 profiler samples
  const inspectorPort = pool ? await freePort() : undefined
  const world = await startBenchWorld({ companions: [bareWorker], pool, inspectorPort })
  try {
    const { fake, database, mf, url } = world
    const app = await mf.getWorker('followthrough')
    const bare = await mf.getWorker('bare')
    const call = async (worker: typeof app, init: LoadTarget, origin = 'http://bench.local') => {
      const res = await worker.fetch(`${origin}${init.path()}`, {
        method: init.method,
        headers: init.headers,
        body: init.body?.(),
      })
      const body = await res.text()
      if (res.status >= 400) throw new Error(`${init.path()}: ${res.status} ${body}`)
      return body
    }
    const { key, targets } = await prepareLoad(url.origin, ADMIN_TOKEN, fake, 200)
    const auth = { authorization: `Bearer ${key}` }
    const bareTarget: LoadTarget = {
      name: 'bare route',
      method: 'GET',
      path: () => '/',
      headers: { host: 'bare.local' },
    }

    const bareP50 = await p50Of(() => call(bare, bareTarget), iterations)
    const health: LoadTarget = { ...bareTarget, path: () => '/health', headers: {} }
    const sequential: [string, LoadTarget][] = [
      ['GET /health (one query)', health],
      [
        'GET /v1/agency (key check + read)',
        { ...bareTarget, path: () => '/v1/agency', headers: auth },
      ],
      ['GET /v1/interviews?limit=25', targets.list],
      ['POST /v1/interviews (transaction, outbox)', targets.create],
      ['GET /c/:token (candidate page)', targets.page],
    ]
    // the floor under every route: a fresh connection and one query, straight from Node
    const connectP50 = await p50Of(async () => {
      const client = postgres(world.databaseUrl, {
        max: 1,
        prepare: false,
        fetch_types: false,
        onnotice: () => {},
      })
      await client`select 1`
      await client.end()
    }, iterations)
    for (const [name, target] of sequential) {
      const p50 = await p50Of(() => call(app, target), iterations)
      rows.push({
        measure: `${name}, p50, ${via}`,
        ours: ms(p50),
        baseline: `bare route ${ms(bareP50)}`,
        ratio: p50 / bareP50,
      })
      if (target === health) {
        rows.push({
          measure: `GET /health, p50, ${via}`,
          ours: ms(p50),
          baseline: `new connection + select 1 from Node ${ms(connectP50)}`,
          ratio: p50 / connectP50,
        })
      }
    }

    if (!pool) {
      // the candidate page as a phone downloads it
      const page = await call(app, targets.page)
      const script = await (await fetch(new URL('/assets/candidate.js', url))).text()
      const pageBytes = gzipSync(page).length + gzipSync(script).length
      rows.push({
        measure: 'candidate page, HTML+CSS+JS gzipped',
        ours: bytes(pageBytes),
        baseline: `budget ${bytes(sizeBudgets.candidatePage)}`,
        ratio: pageBytes / sizeBudgets.candidatePage,
      })
    }

    const load = { connections: 50, seconds: loadSeconds }
    const bareLoad = await runLoad(url.origin, 'bare route', [bareTarget], load)
    loads.push(bareLoad)
    const databaseProcesses = {
      postgres: async () => {
        const backends = await sql<{ pid: number }>`
          select pid from pg_stat_activity where datname = current_database()`.execute(database.db)
        return backends.rows.map((b) => b.pid)
      },
      ...(pool && { pgbouncer: () => [pool.pid] }),
    }
    const processes = {
      workerd: () => descendantsNamed(process.pid, 'workerd'),
      'load tool': () => [process.pid],
      // straight to Postgres each request's backend comes and goes: only a pool's stay to be read
      ...(pool && databaseProcesses),
    }
    // With the pool, one request of each route through a recording proxy in front of it, right
    // after the route's load and on the data it left, is replayed by pgbench.
    const capture = pool ? await startPgCapture('127.0.0.1', pool.port) : null
    const twin = capture ? await world.startWorker(capture.proxiedUrl(world.databaseUrl)) : null
    const types = await sql<{ oid: number; typname: string }>`
      select oid::int, typname from pg_type`.execute(database.db)
    const typeNames = new Map(types.rows.map((t) => [t.oid, t.typname]))
    const profiler = inspectorPort ? await openProfiler(inspectorPort, 'followthrough') : null
    const floor: LoadTarget = { ...health, name: floorRoute }
    for (const target of [floor, targets.create, targets.list, targets.stats, targets.page]) {
      // the day counts the creates appended, folded as the minute's cron folds them
      if (target === targets.stats) await compactStatsDays(database.db)
      const { result: report, cpu } = await profileCpu(processes, () =>
        runLoad(url.origin, `${target.name} (${via})`, [target], load),
      )
      loads.push(report)
      rows.push({
        measure: `${target.name}, 50 clients, requests/s, ${via}`,
        ours: `${report.requestsPerSecond.toFixed(0)}/s`,
        baseline: `bare route ${bareLoad.requestsPerSecond.toFixed(0)}/s`,
        ratio: report.requestsPerSecond / bareLoad.requestsPerSecond,
      })
      if (!capture || !twin || !profiler) continue
      // sampled apart, so the profiler's own cost is not in the figures above
      const sampled = await profiler.sample(() =>
        runLoad(url.origin, `${target.name} (sampled)`, [target], { connections: 50, seconds: 5 }),
      )
      const profile = {
        ...summarizeProfile(sampled.profile, 'dist/worker/index.js'),
        requests: sampled.result.requests,
      }
      const from = Date.now()
      await call(await twin.mf.getWorker('followthrough'), target)
      const statements = await capture.take()
      const replay = replayScript(statements, typeNames, { from, to: Date.now() })
      const { result: bench, cpu: ceilingCpu } = await profileCpu(databaseProcesses, async () =>
        runPgbench(world.databaseUrl, replay, { clients: 50, seconds: 5 }),
      )
      if (bench.failed > 0) throw new Error(`pgbench: ${bench.failed} failed\n${bench.output}`)
      ceilings.push({
        name: target.name,
        load: report,
        ceiling: bench.transactionsPerSecond,
        transactions: bench.transactions,
        statements: statements.length,
        cpu,
        ceilingCpu,
        profile,
      })
    }
    profiler?.close()
    await twin?.mf.dispose()
    await capture?.close()
  } finally {
    // the database is dropped however the run ended
    await world.close()
  }
  return { rows, loads, ceilings }
}
