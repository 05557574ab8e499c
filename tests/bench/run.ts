// npm run bench: each row is our code against a baseline measured in the same run, on this
// machine, so the ratios mean something where absolute milliseconds do not.
import { performance } from 'node:perf_hooks'
import { startLocalWorker } from '../../worker/dev/local-worker'
import { createTestDatabase } from '../support/database'
import { benchStats, seedStatsWorld } from './stats'

const ADMIN_TOKEN = 'bench-admin-token-0123456789'
const deep = process.argv.includes('--deep')
const iterations = deep ? 2000 : 300

interface Row {
  name: string
  p50: number
  p95: number
  baseline: string
  baseP50: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function measure(run: () => Promise<unknown>, n = iterations) {
  for (let i = 0; i < Math.min(30, n); i++) await run()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

async function main() {
  const database = await createTestDatabase()
  const { mf } = await startLocalWorker({
    // measured one caller at a time, far past what one key may send in production
    rateLimit: 1_000_000,
    bindings: {
      DATABASE_URL: database.url,
      ADMIN_TOKEN,
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      PUBLIC_URL: 'http://followthrough.bench',
      ENVIRONMENT: 'test',
    },
    companions: [
      {
        name: 'bare',
        modules: true,
        script: `export default { fetch() { return Response.json({ ok: true }) } }`,
        compatibilityDate: '2026-04-20',
      },
    ],
  })
  const app = await mf.getWorker('followthrough')
  const bare = await mf.getWorker('bare')
  const call = async (worker: typeof app, path: string, init: RequestInit = {}) => {
    const res = await worker.fetch(`http://bench.local${path}`, init as never)
    const body = await res.text()
    if (res.status >= 400) throw new Error(`${path}: ${res.status} ${body}`)
    return body
  }
  const json = (token: string, body: unknown) => ({
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

  const created = JSON.parse(
    await call(app, '/v1/agencies', json(ADMIN_TOKEN, { name: 'Bench Staffing' })),
  )
  const key: string = created.secretKey.key
  const auth = { headers: { authorization: `Bearer ${key}` } }
  let n = 0
  const interview = () => {
    n += 1
    return {
      candidate: { name: `Bench ${n}`, email: `bench${n}@example.com` },
      roleTitle: 'Analyst',
      clientCompany: n % 2 ? 'Globex' : 'Initech',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationMinutes: 45,
      format: 'video',
      interviewers: [{ name: 'Priya' }, { name: 'Tom' }],
    }
  }
  for (let i = 0; i < 200; i++) await call(app, '/v1/interviews', json(key, interview()))

  const baseline = await measure(() => call(bare, '/'))
  const rows: Row[] = []
  const add = async (name: string, run: () => Promise<unknown>, count?: number) => {
    const r = await measure(run, count)
    rows.push({ name, ...r, baseline: 'bare route, same workerd', baseP50: baseline.p50 })
  }
  await add('GET /health (one query)', () => call(app, '/health'))
  await add('GET /v1/agency (key check + read)', () => call(app, '/v1/agency', auth))
  await add('GET /v1/interviews?limit=25', () => call(app, '/v1/interviews?limit=25', auth))
  await add(
    'POST /v1/interviews (transaction, outbox)',
    () => call(app, '/v1/interviews', json(key, interview())),
    Math.min(iterations, 300),
  )

  const pad = (s: string, w: number) => s.padEnd(w)
  console.log(
    `\nFollowthrough benchmarks (${iterations} sequential calls each; ${process.env.TEST_DATABASE_URL ? 'Postgres server' : 'embedded PGlite'})\n`,
  )
  console.log(
    `${pad('measure', 44)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('baseline p50', 14)}ratio p50`,
  )
  for (const r of rows) {
    console.log(
      `${pad(r.name, 44)}${pad(r.p50.toFixed(2), 9)}${pad(r.p95.toFixed(2), 9)}${pad(r.baseP50.toFixed(2), 14)}${(r.p50 / r.baseP50).toFixed(1)}×`,
    )
  }
  console.log(`\nbaseline: ${rows[0]?.baseline}`)
  await mf.dispose()
  await database.close()

  // Stats at scale: a real server gets the full million; the embedded engine a smaller world.
  const real = Boolean(process.env.TEST_DATABASE_URL)
  const total = real ? 1_000_000 : 20_000
  const world = await createTestDatabase()
  const seedStart = performance.now()
  const agencyId = await seedStatsWorld(world.db, total)
  const seeded = ((performance.now() - seedStart) / 1000).toFixed(0)
  const result = await benchStats(world.db, agencyId, deep ? 30 : 10)
  console.log(
    `\nStats, last 90 days of one agency with ${(total / 10).toLocaleString('en')} of ${total.toLocaleString('en')} interviews (seeded in ${seeded} s; ${result.interviewsInRange.toLocaleString('en')} in range)\n`,
  )
  console.log(`${pad('measure', 44)}${pad('p50 ms', 10)}${pad('p95 ms', 10)}`)
  console.log(
    `${pad('our indexed aggregate (getStats)', 44)}${pad(result.ours.p50.toFixed(1), 10)}${pad(result.ours.p95.toFixed(1), 10)}`,
  )
  console.log(
    `${pad('naive: fetch rows, count in JavaScript', 44)}${pad(result.naive.p50.toFixed(1), 10)}${pad(result.naive.p95.toFixed(1), 10)}`,
  )
  console.log(`ratio naive / ours (p50): ${(result.naive.p50 / result.ours.p50).toFixed(1)}×`)
  await world.close()
}

await main()
