import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { WidgetBuild } from '../../widget/build'
import { sizeBudgets } from '../support/budgets'

const dist = path.resolve('dist')
const meta: WidgetBuild = JSON.parse(readFileSync(path.join(dist, 'widget.meta.json'), 'utf8'))
const read = (file: string) => readFileSync(path.join(dist, 'widget', file))
/** each file gzipped on its own, as it goes over the wire */
const gzipped = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(read(f)).length, 0)

describe('the widget bundles (built by npm run build)', () => {
  it('keeps the loader within 1.5 KB gzipped', () => {
    const size = gzipped([meta.loader])
    console.log(`widget.js: ${size} bytes gzipped`)
    expect(size).toBeLessThanOrEqual(sizeBudgets.loader)
  })

  it('keeps what the app fetches before it runs, Preact included, within 15 KB gzipped', () => {
    // the entry and every chunk it imports statically, so code shared with a lazy chunk counts
    expect(meta.startup[0]).toBe(meta.app)
    const size = gzipped(meta.startup)
    console.log(`${meta.startup.join(' + ')}: ${size} bytes gzipped`)
    expect(size).toBeLessThanOrEqual(sizeBudgets.app)
    const inputs = meta.startup.flatMap((file) => meta.inputs[file])
    expect(inputs).toContain('node_modules/preact/dist/preact.mjs')
    expect(inputs).toContain('widget/src/components/log-form.tsx')
  })

  it('loads the dashboard, the interview details and the Spanish words on demand, each within 15 KB gzipped of its own', () => {
    // a lazy chunk counts with the chunks it imports that startup has not already fetched
    for (const source of [
      'widget/src/components/dashboard.tsx',
      'widget/src/components/interview-detail.tsx',
      'widget/src/strings/es.ts',
    ]) {
      expect(meta.lazy[source]?.length, source).toBeGreaterThan(0)
      expect(meta.startup.flatMap((file) => meta.inputs[file])).not.toContain(source)
    }
    for (const [source, files] of Object.entries(meta.lazy)) {
      const size = gzipped(files)
      console.log(`${source} → ${files.join(' + ')}: ${size} bytes gzipped`)
      expect(size).toBeLessThanOrEqual(sizeBudgets.lazyChunk)
    }
  })

  it('is served under the names the loader and the chunks use', () => {
    // the loader names the entry, and asks for the chunks the entry imports at the same time
    const loader = read(meta.loader).toString()
    for (const file of meta.startup) expect(loader).toContain(file)
    expect(loader).toContain('modulepreload')
    // a chunk two lazy parts share (the catalog's partWords) is listed under each
    const files = [...new Set([...meta.startup, ...Object.values(meta.lazy).flat()])]
    const imports = new Set<string>()
    for (const file of files) {
      for (const [, imported] of read(file)
        .toString()
        .matchAll(/"\.\/(widget-[\w.-]+\.js)"/g)) {
        expect(files).toContain(imported)
        imports.add(imported!)
      }
    }
    // every chunk is named by the one that loads it (names with a hyphen, such as interview-detail, too)
    expect([...imports].sort()).toEqual(files.filter((f) => f !== meta.app).sort())
    // a build removes the chunks of the builds before it
    const served = readdirSync(path.join(dist, 'widget')).filter((f) => /^widget-.+\.js$/.test(f))
    expect(served.sort()).toEqual([...files].sort())
    // module scripts load in CORS mode: a portal on another origin may run them; and a chunk's
    // name changes with its content, so it may be cached for good
    expect(read('_headers').toString()).toBe(
      '/widget-*\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=31536000, immutable\n',
    )
  })

  it('takes no runtime code from worker/ (types only; shared schemas and the language list at most) and no zod', () => {
    const inputs = Object.values(meta.inputs).flat()
    expect(inputs.length).toBeGreaterThan(5)
    const shared = (file: string) =>
      file.startsWith('worker/schemas/') || file === 'worker/i18n/catalog.ts'
    const fromWorker = inputs.filter((file) => file.startsWith('worker/'))
    expect(fromWorker.filter((file) => !shared(file))).toEqual([])
    expect(inputs.filter((file) => file.includes('node_modules/zod/'))).toEqual([])
  })
})
