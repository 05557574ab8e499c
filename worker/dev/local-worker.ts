import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Log, LogLevel, Miniflare, type WorkerOptions } from 'miniflare'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Written by `npm run build` beside the bundle: what the runtime needs of wrangler.toml. */
export const runtimeFile = path.join(root, 'dist/worker/runtime.json')

export interface BuiltRuntime {
  compatibilityDate: string
  compatibilityFlags: string[]
  /** the `[[ratelimits]]`, by name */
  rateLimits: Record<string, { limit: number; period: number }>
  /** the `[vars]` */
  vars: Record<string, string>
}

/** wrangler.toml as the last build read it (with wrangler's own reader). */
export function builtRuntime(): BuiltRuntime {
  if (!existsSync(runtimeFile)) {
    throw new Error('dist/worker is missing or incomplete: run `npm run build` first.')
  }
  return JSON.parse(readFileSync(runtimeFile, 'utf8'))
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
  return Object.fromEntries(Object.keys(builtRuntime().rateLimits).map((name) => [name, limit]))
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
  /** open V8's inspector for the worker (as `ws://127.0.0.1:<port>/followthrough`): benchmarks' profiles */
  inspectorPort?: number
}

/**
 * The built worker (dist/worker, made by `npm run build` the same way `wrangler deploy` bundles
 * it) running in workerd through Miniflare, with the widget files as static assets. `npm start`
 * and the tests both run the product this way.
 */
export async function startLocalWorker(options: LocalWorkerOptions) {
  const scriptPath = path.join(root, 'dist/worker/index.js')
  const runtime = builtRuntime()
  const app: WorkerOptions = {
    name: 'followthrough',
    modules: true,
    scriptPath,
    modulesRoot: path.dirname(scriptPath),
    compatibilityDate: runtime.compatibilityDate,
    compatibilityFlags: runtime.compatibilityFlags,
    bindings: options.bindings,
    ratelimits: Object.fromEntries(
      Object.entries(runtime.rateLimits).map(([name, simple]) => [
        name,
        { simple: { ...simple, limit: options.rateLimits?.[name] ?? simple.limit } },
      ]),
    ),
    assets: {
      directory: path.join(root, 'dist/widget'),
      binding: 'ASSETS',
      routerConfig: { has_user_worker: true },
    },
    unsafeInspectorProxy: options.inspectorPort !== undefined,
  }
  const mf = new Miniflare({
    workers: [app, ...(options.companions ?? [])],
    // Miniflare would otherwise fetch Request.cf data from the internet at start.
    cf: false,
    host: '127.0.0.1',
    port: options.port ?? 0,
    inspectorPort: options.inspectorPort,
    log: new RedactingLog(options.verbose ? LogLevel.INFO : LogLevel.WARN),
  })
  const url = await mf.ready
  return { mf, url }
}
