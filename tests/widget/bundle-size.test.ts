import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { WidgetBuild } from '../../widget/build'
import { sizeBudgets } from '../support/budgets'

const dist = path.resolve('dist')
const meta: WidgetBuild = JSON.parse(readFileSync(path.join(dist, 'widget.meta.json'), 'utf8'))
const gzipped = (file: string) => gzipSync(readFileSync(path.join(dist, 'widget', file))).length

describe('the widget bundles (built by npm run build)', () => {
  it('keeps the loader within 1.5 KB gzipped', () => {
    const size = gzipped(meta.loader)
    console.log(`widget.js: ${size} bytes gzipped`)
    expect(size).toBeLessThanOrEqual(sizeBudgets.loader)
  })

  it('keeps the app, Preact included, within 15 KB gzipped', () => {
    const size = gzipped(meta.app)
    console.log(`${meta.app}: ${size} bytes gzipped`)
    expect(size).toBeLessThanOrEqual(sizeBudgets.app)
    expect(meta.inputs[meta.app]).toContain('node_modules/preact/dist/preact.mjs')
  })

  it('is served under the names the loader uses', () => {
    const loader = readFileSync(path.join(dist, 'widget', meta.loader), 'utf8')
    expect(loader).toContain(meta.app)
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
