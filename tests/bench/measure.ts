import { performance } from 'node:perf_hooks'

/** A line of the bench's main table: ours against a baseline from the same run. */
export interface Row {
  measure: string
  ours: string
  baseline: string
  ratio: number
}

export const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`
export const bytes = (n: number) => `${n.toLocaleString('en')} B`

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** The median of `n` sequential runs, after a warm-up. */
export async function p50Of(run: () => Promise<unknown>, n: number) {
  for (let i = 0; i < Math.min(30, n); i++) await run()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  )
}

/** A markdown table, its columns padded to line up. */
export function table(header: string[], body: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of body) console.log(line(r))
}
