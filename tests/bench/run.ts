// npm run bench: every row is ours against a baseline measured or set in the same run, on this
// machine, so the ratios mean something where absolute milliseconds do not. Ratio = ours ÷
// baseline. `npm run bench -- --deep` runs longer and adds the deep fuzz.
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import postgres from 'postgres'
import { builtRuntime } from '../../worker/dev/local-worker'
import { sizeBudgets } from '../support/budgets'
import { createTestDatabase } from '../support/database'
import { prepareLoad, runLoad, type LoadReport, type LoadTarget } from '../support/load'
import { benchDrain } from './drain'
import { preactFloorBytes, widgetBytes } from './sizes'
import { benchStats, seedStatsWorld } from './stats'
import { ADMIN_TOKEN, startBenchWorld } from './world'

const deep = process.argv.includes('--deep')
const iterations = deep ? 2000 : 300
const loadSeconds = Number(process.env.LOAD_SECONDS ?? 20)
const realServer = Boolean(process.env.TEST_DATABASE_URL)

interface Row {
  measure: string
  ours: string
  baseline: string
  ratio: number
}
const rows: Row[] = []
const loads: LoadReport[] = []

const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`
const bytes = (n: number) => `${n.toLocaleString('en')} B`

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function p50Of(run: () => Promise<unknown>, n = iterations) {
  for (let i = 0; i < Math.min(30, n); i++) await run()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  )
}

/** Routes one caller at a time, then 50 callers at once, against a bare route in the same workerd. */
async function benchRoutes() {
  const { fake, database, mf, url, close } = await startBenchWorld({
    companions: [
      {
        name: 'bare',
        modules: true,
        routes: ['bare.local/*'],
        script: `export default { fetch() { return Response.json({ ok: true }) } }`,
        compatibilityDate: '2026-04-20',
      },
    ],
  })
  const app = await mf.getWorker('followthrough')
  const bare = await mf.getWorker('bare')
  const call = async (worker: typeof app, init: LoadTarget) => {
    const res = await worker.fetch(`http://bench.local${init.path()}`, {
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

  const bareP50 = await p50Of(() => call(bare, bareTarget))
  const sequential: [string, LoadTarget][] = [
    ['GET /health (one query)', { ...bareTarget, path: () => '/health', headers: {} }],
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
    const client = postgres(database.url, { max: 1, fetch_types: false, onnotice: () => {} })
    await client`select 1`
    await client.end()
  })
  const healthP50 = await p50Of(() => call(app, sequential[0]![1]))
  rows.push({
    measure: 'GET /health, p50',
    ours: ms(healthP50),
    baseline: `new connection + select 1 from Node ${ms(connectP50)}`,
    ratio: healthP50 / connectP50,
  })
  for (const [name, target] of sequential) {
    const p50 = target === sequential[0]![1] ? healthP50 : await p50Of(() => call(app, target))
    rows.push({
      measure: `${name}, p50`,
      ours: ms(p50),
      baseline: `bare route ${ms(bareP50)}`,
      ratio: p50 / bareP50,
    })
  }

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

  const options = { connections: 50, seconds: loadSeconds }
  const bareLoad = await runLoad(url.origin, 'bare route', [bareTarget], options)
  loads.push(bareLoad)
  for (const target of [targets.create, targets.list, targets.stats, targets.page]) {
    const report = await runLoad(url.origin, target.name, [target], options)
    loads.push(report)
    rows.push({
      measure: `${target.name}, 50 clients, requests/s`,
      ours: `${report.requestsPerSecond.toFixed(0)}/s`,
      baseline: `bare route ${bareLoad.requestsPerSecond.toFixed(0)}/s`,
      ratio: report.requestsPerSecond / bareLoad.requestsPerSecond,
    })
  }
  await close()
}

async function benchOutbox() {
  const ceiling = Number(builtRuntime().vars.RESEND_MAX_RPS)
  const drain = await benchDrain(ceiling)
  rows.push({
    measure: `outbox drain, ${drain.backlog.toLocaleString('en')} due emails, calls/s`,
    ours: `${drain.callsPerSecond.toFixed(2)}/s (peak ${drain.peak} in 1 s; ${drain.emailsPerSecond.toFixed(0)} emails/s)`,
    baseline: `ceiling ${ceiling}/s (wrangler.toml)`,
    ratio: drain.callsPerSecond / ceiling,
  })
}

async function benchSizes() {
  const built = widgetBytes()
  const floor = await preactFloorBytes()
  rows.push(
    {
      measure: 'widget.js loader, gzipped',
      ours: bytes(built.loader),
      baseline: `budget ${bytes(sizeBudgets.loader)}`,
      ratio: built.loader / sizeBudgets.loader,
    },
    {
      measure: 'widget app with Preact, gzipped',
      ours: bytes(built.app),
      baseline: `budget ${bytes(sizeBudgets.app)}`,
      ratio: built.app / sizeBudgets.app,
    },
    {
      measure: 'widget app with Preact, gzipped',
      ours: bytes(built.app),
      baseline: `bare Preact app ${bytes(floor)}`,
      ratio: built.app / floor,
    },
  )
}

/**
 * Stats at scale: a real server gets the full million; the embedded engine a smaller world. One
 * agency holds a fifth of it over the last year: its last 90 days (about a quarter) and its whole
 * year, each with every breakdown in one request, against the same request over facts computed
 * from scratch.
 */
async function benchStatsAtScale() {
  const total = realServer ? 1_000_000 : 20_000
  const world = await createTestDatabase()
  const seedStart = performance.now()
  const { agencyId, rebuildSeconds } = await seedStatsWorld(world.db, total, {
    ownShare: 0.2,
    days: 365,
  })
  const seeded = (performance.now() - seedStart) / 1000
  rows.push({
    measure: `npm run stats:rebuild, ${total.toLocaleString('en')} interviews, interviews/s`,
    ours: `${(total / rebuildSeconds).toFixed(0)}/s (${rebuildSeconds.toFixed(0)} s)`,
    baseline: `seeding the world ${(total / seeded).toFixed(0)}/s`,
    ratio: seeded / rebuildSeconds,
  })
  for (const days of [90, 365]) {
    const result = await benchStats(world.db, agencyId, days, deep ? 100 : 40)
    const scope = `stats, ${days} days (${result.interviewsInRange.toLocaleString('en')} interviews in range of ${total.toLocaleString('en')}), 3 breakdowns`
    for (const p of ['p50', 'p95'] as const) {
      rows.push({
        measure: `${scope}, ${p}`,
        ours: ms(result.ours[p]),
        baseline: `facts from scratch ${ms(result.naive[p])}`,
        ratio: result.ours[p] / result.naive[p],
      })
    }
  }
  await world.close()
  return seeded
}

function table(header: string[], body: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of body) console.log(line(r))
}

// BENCH_ONLY=stats runs the stats rows alone (seeding the million takes minutes)
const only = process.env.BENCH_ONLY
const started = performance.now()
if (!only) {
  await benchRoutes()
  await benchOutbox()
  await benchSizes()
}
const seeded = !only || only === 'stats' ? await benchStatsAtScale() : 0
const minutes = ((performance.now() - started) / 60_000).toFixed(1)

console.log(
  `\nFollowthrough benchmarks on ${realServer ? 'a Postgres server' : 'embedded PGlite'}; ` +
    `${iterations} sequential calls per p50, ${loadSeconds} s per load, stats world seeded in ` +
    `${seeded.toFixed(0)} s; ${minutes} min in all. Ratio = ours ÷ baseline.\n`,
)
table(
  ['measure', 'ours', 'baseline (same run)', 'ratio'],
  rows.map((r) => [r.measure, r.ours, r.baseline, `${r.ratio.toFixed(2)}×`]),
)
if (loads.length > 0) {
  console.log(`\nLoad: 50 clients on loopback, ${loadSeconds} s each, the worker in workerd\n`)
  table(
    ['target', 'requests/s', 'p50', 'p99', 'requests', 'errors', 'non-2xx'],
    loads.map((l) => [
      l.name,
      l.requestsPerSecond.toFixed(0),
      `${l.p50} ms`,
      `${l.p99} ms`,
      l.requests.toLocaleString('en'),
      String(l.errors),
      String(l.non2xx),
    ]),
  )
}

if (deep) {
  const runs = process.env.FUZZ_RUNS ?? '10000'
  console.log(`\nDeep fuzz: ${runs} runs per write route\n`)
  const fuzz = spawnSync('npx', ['vitest', 'run', 'tests/security/fuzz.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: runs },
  })
  if (fuzz.status !== 0) process.exitCode = 1
}
const failed = loads.some((l) => l.errors > 0 || l.non2xx > 0)
if (failed) {
  console.log('\nLoad had errors:', loads.flatMap((l) => l.samples).slice(0, 5))
  process.exitCode = 1
}
