import { execFileSync } from 'node:child_process'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')

rmSync(path.join(dist, 'worker'), { recursive: true, force: true })
mkdirSync(path.join(dist, 'widget'), { recursive: true })

// The worker is bundled by wrangler itself, exactly as `wrangler deploy` would upload it.
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/wrangler/bin/wrangler.js'),
    'deploy',
    '--dry-run',
    '--outdir',
    'dist/worker',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  },
)
rmSync(path.join(dist, 'worker'), { recursive: true, force: true })
renameSync(staging, path.join(dist, 'worker'))
console.log('built dist/worker')
