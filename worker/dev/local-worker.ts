import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Log, LogLevel, Miniflare, type WorkerOptions } from 'miniflare'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** a top-level or [vars] string setting of wrangler.toml */
export function wranglerSetting(name: string): string {
  const toml = readFileSync(path.join(root, 'wrangler.toml'), 'utf8')
  const match = toml.match(new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, 'm'))
  if (!match?.[1]) throw new Error(`wrangler.toml has no ${name}`)
  return match[1]
}

/** The `[[ratelimits]]` of wrangler.toml, as Miniflare takes them. */
function wranglerRateLimits(): Record<string, { simple: { limit: number; period: number } }> {
  const toml = readFileSync(path.join(root, 'wrangler.toml'), 'utf8')
  const limits: Record<string, { simple: { limit: number; period: number } }> = {}
  for (const block of toml.split('[[ratelimits]]').slice(1)) {
    const name = block.match(/name\s*=\s*"([^"]+)"/)?.[1]
    const limit = Number(block.match(/limit\s*=\s*(\d+)/)?.[1])
    const period = Number(block.match(/period\s*=\s*(\d+)/)?.[1])
    if (name && limit && period) limits[name] = { simple: { limit, period } }
  }
  return limits
}

/**
 * Miniflare's log with candidate link tokens cut out of request lines (`GET /c/<token> 200`):
 * a token opens a candidate's page, so none is written to a log.
 */
export class RedactingLog extends Log {
  override logWithLevel(level: LogLevel, message: string) {
    super.logWithLevel(level, redactLinkTokens(message))
  }
}

export function redactLinkTokens(text: string): string {
  return text.replace(/\/([cu])\/[A-Za-z0-9_-]{6,}/g, '/$1/[token]')
}

/** `limit` a minute for every rate limiter of wrangler.toml. */
export function everyRateLimit(limit: number): Record<string, number> {
  return Object.fromEntries(Object.keys(wranglerRateLimits()).map((name) => [name, limit]))
}

export interface LocalWorkerOptions {
  /** plain-text bindings: DATABASE_URL, ADMIN_TOKEN, SESSION_SECRET, … */
  bindings: Record<string, string>
  /** listen on this port of 127.0.0.1 (0: any free port) */
  port?: number
  verbose?: boolean
  /** limits per minute by rate limiter, instead of wrangler.toml's (tests that send a lot) */
  rateLimits?: Record<string, number>
  /** more workers in the same workerd, reached with `mf.getWorker(name)` (benchmarks) */
  companions?: (WorkerOptions & { name: string })[]
}

/**
 * The built worker (dist/worker, made by `npm run build` the same way `wrangler deploy` bundles
 * it) running in workerd through Miniflare, with the widget files as static assets. `npm start`
 * and the tests both run the product this way.
 */
export async function startLocalWorker(options: LocalWorkerOptions) {
  const scriptPath = path.join(root, 'dist/worker/index.js')
  const app: WorkerOptions = {
    name: 'followthrough',
    modules: true,
    scriptPath,
    modulesRoot: path.dirname(scriptPath),
    compatibilityDate: wranglerSetting('compatibility_date'),
    compatibilityFlags: ['nodejs_compat'],
    bindings: options.bindings,
    ratelimits: Object.fromEntries(
      Object.entries(wranglerRateLimits()).map(([name, config]) => {
        const limit = options.rateLimits?.[name]
        return [name, limit ? { simple: { ...config.simple, limit } } : config]
      }),
    ),
    assets: {
      directory: path.join(root, 'dist/widget'),
      binding: 'ASSETS',
      routerConfig: { has_user_worker: true },
    },
  }
  const mf = new Miniflare({
    workers: [app, ...(options.companions ?? [])],
    // Miniflare would otherwise fetch Request.cf data from the internet at start.
    cf: false,
    host: '127.0.0.1',
    port: options.port ?? 0,
    log: new RedactingLog(options.verbose ? LogLevel.INFO : LogLevel.WARN),
  })
  const url = await mf.ready
  return { mf, url }
}
