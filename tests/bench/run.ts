// npm run bench: every row is ours against a baseline measured or set in the same run, on this
// machine, so the ratios mean something where absolute milliseconds do not. Ratio = ours ÷
// baseline. `npm run bench -- --deep` runs longer and adds the deep fuzz.
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { builtRuntime } from '../../worker/dev/local-worker'
import { sizeBudgets } from '../support/budgets'
import { createTestDatabase } from '../support/database'
import type { LoadReport } from '../support/load'
import { startPgBouncer } from '../support/pgbouncer'
import { benchDrain } from './drain'
import type { CpuProfile } from './cpu'
import { bytes, ms, table, type Row } from './measure'
import { benchRoutes, floorRoute, type Ceiling } from './routes'
import { profileBuckets } from './worker-profile'
import { preactFloorBytes, widgetBytes } from './sizes'
import { benchStats, seedStatsWorld } from './stats'

const deep = process.argv.includes('--deep')
// the routes alone, direct and through the pool: what to re-run after a change to them
const routesOnly = process.argv.includes('--routes')
const iterations = deep ? 2000 : 300
const loadSeconds = Number(process.env.LOAD_SECONDS ?? 20)
const realServer = Boolean(process.env.TEST_DATABASE_URL)

const rows: Row[] = []
const loads: LoadReport[] = []
let ceilings: Ceiling[] = []

/** Routes straight to Postgres, a new connection per request; then through the pool. */
async function benchAllRoutes() {
  const direct = await benchRoutes({ iterations, loadSeconds })
  rows.push(...direct.rows)
  loads.push(...direct.loads)
  if (!realServer) return
  const pool = await startPgBouncer(process.env.TEST_DATABASE_URL!)
  try {
    const pooled = await benchRoutes({ iterations, loadSeconds, pool })
    rows.push(...pooled.rows)
    // the bare route again says nothing new
    loads.push(...pooled.loads.filter((l) => l.name !== 'bare route'))
    ceilings = pooled.ceilings
  } finally {
    await pool.stop()
  }
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
      measure: 'widget app at start (entry + shared chunks), gzipped',
      ours: bytes(built.app),
      baseline: `budget ${bytes(sizeBudgets.app)}`,
      ratio: built.app / sizeBudgets.app,
    },
    {
      measure: 'widget app at start, gzipped',
      ours: bytes(built.app),
      baseline: `bare Preact app ${bytes(floor)}`,
      ratio: built.app / floor,
    },
    ...built.lazy.map((part) => ({
      measure: `${part.name}, gzipped`,
      ours: bytes(part.bytes),
      baseline: `budget ${bytes(sizeBudgets.lazyChunk)}`,
      ratio: part.bytes / sizeBudgets.lazyChunk,
    })),
  )
}

/**
 * Stats at scale: a real server gets the full million; the embedded engine a smaller world. One
 * agency holds a fifth of it over the last year: its last 90 days (about a quarter) and its whole
 * year, each with every breakdown in one request, against the same request over facts computed
 * from scratch.
 */
async function benchStatsAtScale() {
  const total = Number(process.env.BENCH_STATS_INTERVIEWS ?? (realServer ? 1_000_000 : 20_000))
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
    // 200 runs: a p95 of 40 is the second slowest, which one hiccup of the machine sets
    const result = await benchStats(world.db, agencyId, days, deep ? 1_000 : 200)
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

// `--routes` runs the routes alone; BENCH_ONLY=stats the stats rows alone (seeding the million
// takes minutes)
const statsOnly = process.env.BENCH_ONLY === 'stats'
const started = performance.now()
if (!statsOnly) await benchAllRoutes()
if (!routesOnly && !statsOnly) {
  await benchOutbox()
  await benchSizes()
}
const seeded = routesOnly ? null : await benchStatsAtScale()
const minutes = ((performance.now() - started) / 60_000).toFixed(1)

console.log(
  `\nFollowthrough benchmarks on ${realServer ? 'a Postgres server' : 'embedded PGlite'}; ` +
    `${iterations} sequential calls per p50, ${loadSeconds} s per load` +
    `${seeded === null ? '' : `, stats world seeded in ${seeded.toFixed(0)} s`}; ${minutes} min ` +
    'in all. Ratio = ours ÷ baseline.\n',
)
table(
  ['measure', 'ours', 'baseline (same run)', 'ratio'],
  rows.map((r) => [r.measure, r.ours, r.baseline, `${r.ratio.toFixed(2)}×`]),
)
if (loads.length > 0) {
  console.log(`\nLoad: 50 clients on loopback, ${loadSeconds} s each, the worker in workerd\n`)
  table(
    ['target', 'requests/s', 'p50', 'p99', 'requests', 'errors', 'of them timeouts', 'non-2xx'],
    loads.map((l) => [
      l.name,
      l.requestsPerSecond.toFixed(0),
      `${l.p50} ms`,
      `${l.p99} ms`,
      l.requests.toLocaleString('en'),
      String(l.errors),
      String(l.timeouts),
      String(l.non2xx),
    ]),
  )
}

if (ceilings.length > 0) {
  const direct = (name: string) => loads.find((l) => l.name === `${name} (direct)`)!
  console.log(
    '\nThrough the pool against its ceiling: pgbench running the statements of one request of ' +
      'the route, each transaction a new connection through the same pool, 50 clients, 5 s. ' +
      'Target: ≥ 50% of the ceiling and ≥ 5× direct, 0 errors.\n',
  )
  table(
    [
      'route',
      'statements',
      'pool req/s',
      'p99',
      'ceiling tps',
      'ratio',
      'direct req/s',
      '× direct',
      'met',
    ],
    ceilings.map((c) => {
      const ratio = c.load.requestsPerSecond / c.ceiling
      const times = c.load.requestsPerSecond / direct(c.name).requestsPerSecond
      const clean = c.load.errors + c.load.non2xx === 0
      return [
        c.name,
        String(c.statements),
        c.load.requestsPerSecond.toFixed(0),
        `${c.load.p99} ms`,
        c.ceiling.toFixed(0),
        `${ratio.toFixed(2)}×`,
        direct(c.name).requestsPerSecond.toFixed(0),
        `${times.toFixed(1)}×`,
        c.name === floorRoute ? 'floor' : ratio >= 0.5 && times >= 5 && clean ? 'yes' : 'no',
      ]
    }),
  )
}

if (ceilings.length > 0) {
  const groups = Object.keys(ceilings[0]!.cpu.groups)
  console.log(
    '\nWhere the CPU went, ms per request of our load through the pool and per transaction of ' +
      `its pgbench ceiling (the machine has ${ceilings[0]!.cpu.cores} cores; "other" is ` +
      'everything else that ran on it meanwhile: pgbench itself, and work not of this bench)\n',
  )
  const line = (name: string, cpu: CpuProfile, count: number) => {
    const per = (cpuMs: number | undefined) =>
      cpuMs === undefined ? '–' : (cpuMs / count).toFixed(1)
    return [name, ...groups.map((g) => per(cpu.groups[g])), per(cpu.other), per(cpu.idle)]
  }
  table(
    ['run', ...groups, 'other', 'idle'],
    ceilings.flatMap((c) => [
      line(`${c.name}, ours`, c.cpu, c.load.requests),
      line(`${c.name}, pgbench`, c.ceilingCpu, c.transactions),
    ]),
  )
}

if (ceilings.length > 0) {
  console.log(
    "\nWhere workerd's time went, ms per request of a 5 s load through the pool (50 clients) that " +
      "V8's profiler sampled every 0.5 ms: self time by where the code lives (the bundle's module " +
      'of each sampled function; "runtime" is workerd\'s own: built-ins, its Node compatibility ' +
      'layer and sockets, work outside JavaScript), then the functions that took most\n',
  )
  table(
    ['route', ...profileBuckets],
    ceilings.map((c) => [
      c.name,
      ...profileBuckets.map((b) => (c.profile.buckets[b] / c.profile.requests).toFixed(2)),
    ]),
  )
  for (const c of ceilings) {
    const hottest = c.profile.hottest
      .map(([name, ms]) => `${name} ${(ms / c.profile.requests).toFixed(2)}`)
      .join('; ')
    console.log(`\n${c.name}: ${hottest}`)
  }
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
// Straight to Postgres, requests that wait past the load tool's 10 s for a connection time out on
// a machine where connections are slow: the tables show them. Anything else failing fails the run.
const failedLoads = loads.filter((l) => {
  const allowed = l.name.endsWith('(direct)') ? l.timeouts : 0
  return l.errors > allowed || l.non2xx > 0
})
if (failedLoads.length > 0) {
  console.log('\nLoad had errors:', failedLoads.flatMap((l) => l.samples).slice(0, 5))
  process.exitCode = 1
}
