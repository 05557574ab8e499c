import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { root } from '../../worker/dev/local-config'
import { runtimeFile } from '../../worker/dev/local-worker'

// Every test runs the built worker in dist/. After an edit, `npx vitest run FILE` would otherwise
// test the code as it was at the last build, and pass or fail for the wrong reason.
const sources = ['worker', 'db', 'widget', 'wrangler.toml']

function newestFile(entry: string): { file: string; mtimeMs: number } {
  const stats = statSync(entry)
  if (!stats.isDirectory()) return { file: entry, mtimeMs: stats.mtimeMs }
  let newest = { file: entry, mtimeMs: 0 }
  for (const name of readdirSync(entry)) {
    const found = newestFile(path.join(entry, name))
    if (found.mtimeMs > newest.mtimeMs) newest = found
  }
  return newest
}

/** vitest's global setup: refuses to run against a dist/ older than the sources. */
export default function checkBuildIsFresh() {
  let builtAt: number
  try {
    builtAt = statSync(runtimeFile).mtimeMs
  } catch {
    throw new Error('There is no build in dist/: run `npm run build` (npm test does it first).')
  }
  for (const source of sources) {
    const newest = newestFile(path.join(root, source))
    if (newest.mtimeMs > builtAt) {
      throw new Error(
        `dist/ is older than ${path.relative(root, newest.file)}: run \`npm run build\` ` +
          '(npm test does it first), then the tests again.',
      )
    }
  }
}
