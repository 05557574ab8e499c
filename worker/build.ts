import { execFileSync } from 'node:child_process'
import { buildSync } from 'esbuild'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { unstable_readConfig } from 'wrangler'
import { buildWidget } from '../widget/build'
import { runtimeFile, type BuiltRuntime } from './dev/local-worker'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
mkdirSync(path.join(dist, 'widget/assets'), { recursive: true })
await buildWidget(path.join(dist, 'widget'))

// The candidate page's script, a static file because the page's CSP allows no inline code;
// written aside and renamed into place, like the worker below.
const pageScript = path.join(dist, `.candidate-${process.pid}.js`)
buildSync({
  entryPoints: [path.join(root, 'worker/pages/candidate-page.client.ts')],
  outfile: pageScript,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  logLevel: 'warning',
})
renameSync(pageScript, path.join(dist, 'widget/assets/candidate.js'))

// The worker is bundled by wrangler itself, exactly as `wrangler deploy` would upload it, into a
// fresh folder that then replaces dist/worker, so a running test never sees a half-written bundle.
const staging = path.join(dist, `.worker-${process.pid}`)
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/wrangler/bin/wrangler.js'),
    'deploy',
    '--dry-run',
    '--outdir',
    staging,
  ],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  },
)
// What the local runtime needs of wrangler.toml, read by wrangler's own reader, beside the bundle
const config = unstable_readConfig({ config: path.join(root, 'wrangler.toml') })
const runtime: BuiltRuntime = {
  compatibilityDate: config.compatibility_date!,
  compatibilityFlags: config.compatibility_flags,
  rateLimits: Object.fromEntries(
    config.ratelimits.map((r: { name: string; simple: BuiltRuntime['rateLimits'][string] }) => [
      r.name,
      r.simple,
    ]),
  ),
  vars: Object.fromEntries(
    Object.entries(config.vars).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  ),
}
writeFileSync(path.join(staging, path.basename(runtimeFile)), JSON.stringify(runtime, null, 2))
rmSync(path.join(dist, 'worker'), { recursive: true, force: true })
renameSync(staging, path.join(dist, 'worker'))
console.log('built dist/worker and dist/widget/assets/candidate.js')
