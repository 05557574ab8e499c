import { readFileSync } from 'node:fs'
import WebSocket from 'ws'

/** The V8 CPU profile `Profiler.stop` returns (the fields read here). */
interface V8Profile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
  }[]
  samples: number[]
  timeDeltas: number[]
}

export interface WorkerProfiler {
  /** samples the worker's JavaScript while `during` runs */
  sample<T>(during: () => Promise<T>): Promise<{ result: T; profile: V8Profile }>
  close(): void
}

/**
 * A session with the worker's V8 inspector in workerd, which Miniflare exposes on
 * `inspectorPort` for a worker with `unsafeInspectorProxy`. One session serves a whole run: the
 * proxy does not take a second connection after the first closes.
 */
export async function openProfiler(inspectorPort: number, worker: string): Promise<WorkerProfiler> {
  const socket = new WebSocket(`ws://127.0.0.1:${inspectorPort}/${worker}`)
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  let id = 0
  const waiting = new Map<number, (result: unknown) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown }
    if (message.id !== undefined) waiting.get(message.id)?.(message.result)
  })
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      waiting.set(++id, resolve)
      socket.send(JSON.stringify({ id, method, params }))
    })
  await send('Profiler.enable')
  await send('Profiler.setSamplingInterval', { interval: 500 })
  return {
    async sample(during) {
      await send('Profiler.start')
      const result = await during()
      const { profile } = (await send('Profiler.stop')) as { profile: V8Profile }
      return { result, profile }
    },
    close: () => socket.close(),
  }
}

/**
 * Where a bundle's code came from, by line: esbuild (and so wrangler) writes each module's path
 * as a `// path` comment before its code in an unminified bundle.
 */
function modulesByLine(bundle: string) {
  const starts: { line: number; path: string }[] = []
  bundle.split('\n').forEach((text, line) => {
    const path = /^\/\/ ((?:node_modules|worker)\/\S+)$/.exec(text)?.[1]
    if (path) starts.push({ line, path })
  })
  return (line: number) => {
    let lo = 0
    let hi = starts.length - 1
    let found: string | undefined
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.path
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }
}

/** The columns of the profile table, in order. */
export const profileBuckets = [
  'postgres.js',
  'kysely',
  'hono + zod',
  'rendering',
  'our code',
  'other packages',
  'runtime',
  'garbage collector',
  'idle',
] as const
export type ProfileBucket = (typeof profileBuckets)[number]

const packageBuckets: Record<string, ProfileBucket> = {
  postgres: 'postgres.js',
  kysely: 'kysely',
  'kysely-postgres-js': 'kysely',
  hono: 'hono + zod',
  '@hono/zod-validator': 'hono + zod',
  zod: 'hono + zod',
  preact: 'rendering',
  'preact-render-to-string': 'rendering',
}

/** Where a bundle module's code counts: its package, or ours. */
function bucketOfModule(path: string | undefined): ProfileBucket {
  if (!path?.startsWith('node_modules/')) return path ? 'our code' : 'other packages'
  const [, scope, name] = path.split('/')
  return packageBuckets[scope!.startsWith('@') ? `${scope}/${name}` : scope!] ?? 'other packages'
}

export interface WorkerProfile {
  /** milliseconds of samples per bucket */
  buckets: Record<ProfileBucket, number>
  /** the functions that took most, by self time: "module function", milliseconds */
  hottest: [string, number][]
}

/**
 * A profile's samples summed by where the sampled code lives (self time): a package of the bundle,
 * our code under worker/, the runtime's own code (built-ins, its Node compatibility layer and
 * sockets, work outside JavaScript), the garbage collector; `idle` is time the isolate had
 * nothing to run.
 */
export function summarizeProfile(profile: V8Profile, bundlePath: string): WorkerProfile {
  const moduleAt = modulesByLine(readFileSync(bundlePath, 'utf8'))
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const buckets = Object.fromEntries(profileBuckets.map((b) => [b, 0])) as WorkerProfile['buckets']
  const functions = new Map<string, number>()
  profile.samples.forEach((node, i) => {
    const frame = frames.get(node)!
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    const special = /^\((.+)\)$/.exec(frame.functionName)?.[1]
    const fromBundle = frame.url.endsWith('index.js') && !special
    const module = fromBundle ? moduleAt(frame.lineNumber) : undefined
    const bucket: ProfileBucket =
      special === 'idle' || special === 'garbage collector'
        ? special
        : fromBundle
          ? bucketOfModule(module)
          : 'runtime'
    buckets[bucket] += ms
    const name = `${module ?? (special ? '' : frame.url || 'built-in')} ${frame.functionName || '(anonymous)'}`
    if (bucket !== 'idle') functions.set(name.trim(), (functions.get(name.trim()) ?? 0) + ms)
  })
  const hottest = [...functions].sort((a, b) => b[1] - a[1]).slice(0, 8)
  return { buckets, hottest }
}
