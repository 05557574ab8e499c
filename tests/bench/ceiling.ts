import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CapturedStatement } from '../support/pg-capture'

/** A returned value a later statement uses: which statement returned it, in which row and column. */
interface Producer {
  statement: number
  row: number
  column: string
}

// ids only: a count or a flag that happens to equal a later value is no link between them
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const plainName = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * A pgbench script that runs one request's statements again, as a transaction of pgbench's:
 * the same SQL text and values, each value a pgbench variable sent as a parameter (`-M extended`,
 * as postgres.js sends them). A value an earlier statement returned (an id from `insert …
 * returning`) is read from that statement's result with `\gset` (of several rows, through an
 * array of the column), so a replayed write links its rows as the request did; a time taken while
 * the request ran is the replay's clock.
 */
export function replayScript(
  statements: CapturedStatement[],
  typeNames: Map<number, string>,
  capturedDuring: { from: number; to: number },
) {
  const defines: string[] = []
  const producers = new Map<string, Producer>()
  const used = statements.map(() => new Map<string, Producer>())
  const variable = (p: Producer, single: boolean) =>
    single ? `r${p.statement}_${p.column}` : `r${p.statement}_${p.column}_${p.row + 1}`
  const texts = statements.map((statement, i) => {
    const text = statement.text.replace(/\$(\d+)/g, (_, k: string) => {
      const index = Number(k) - 1
      const value = statement.params[index]
      const oid = statement.paramTypes[index] ?? 0
      const cast = oid ? `::${typeNames.get(oid) ?? oid}` : ''
      if (value === null || value === undefined) return `NULL${cast}`
      // the request's "now" is the replay's now: the outbox claims what is due by then
      if (/^\d{4}-\d\d-\d\dT/.test(value)) {
        const at = Date.parse(value)
        if (at >= capturedDuring.from - 1000 && at <= capturedDuring.to + 1000) {
          return 'clock_timestamp()'
        }
      }
      const produced = producers.get(value)
      if (produced) {
        const single = statements[produced.statement]!.rows.length === 1
        used[produced.statement]!.set(variable(produced, single), produced)
        return `:${variable(produced, single)}${cast}`
      }
      defines.push(`s${i}_${k}=${value}`)
      return `:s${i}_${k}${cast}`
    })
    statement.rows.forEach((row, r) =>
      statement.columns.forEach((column, c) => {
        const value = row[c]
        if (value && uuid.test(value) && plainName.test(column) && !producers.has(value)) {
          producers.set(value, { statement: i, row: r, column })
        }
      }),
    )
    return text.trim().replace(/;$/, '')
  })
  const script = texts.map((text, i) => {
    const reads = [...used[i]!.values()]
    if (reads.length === 0) return `${text};`
    if (statements[i]!.rows.length === 1) return `${text} \\gset r${i}_`
    const picks = reads.map(
      (p) => `(array_agg("${p.column}"))[${p.row + 1}] as ${p.column}_${p.row + 1}`,
    )
    return `with result as (${text}) select ${picks.join(', ')} from result \\gset r${i}_`
  })
  return { script: `${script.join('\n')}\n`, defines }
}

export interface PgbenchResult {
  transactionsPerSecond: number
  transactions: number
  failed: number
  output: string
}

/**
 * pgbench running `script` with `clients` clients for `seconds`, each opening a new connection
 * for every transaction (`-C`), against the database of `url`.
 */
export function runPgbench(
  url: string,
  script: { script: string; defines: string[] },
  { clients = 50, seconds = 5 } = {},
): PgbenchResult {
  const target = new URL(url)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbench-'))
  const file = path.join(dir, 'route.sql')
  writeFileSync(file, script.script)
  try {
    const run = spawnSync(
      'pgbench',
      [
        ...['-h', target.hostname, '-p', target.port || '5432'],
        ...['-U', decodeURIComponent(target.username || 'postgres')],
        ...['-n', '-C', '-M', 'extended', '-c', String(clients), '-j', '2'],
        ...['-T', String(seconds), '-f', file],
        ...script.defines.flatMap((define) => ['-D', define]),
        target.pathname.slice(1),
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    )
    const output = `${run.stdout}${run.stderr}`
    const tps = /tps = ([\d.]+)/.exec(run.stdout)
    const failed = /number of failed transactions: (\d+)/.exec(run.stdout)
    const processed = /number of transactions actually processed: (\d+)/.exec(run.stdout)
    if (run.status !== 0 || !tps) {
      throw new Error(`pgbench failed (${run.status}):\n${output.slice(-2000)}\n${script.script}`)
    }
    return {
      transactionsPerSecond: Number(tps[1]),
      transactions: Number(processed?.[1] ?? 0),
      failed: Number(failed?.[1] ?? 0),
      output,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
