import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'

export interface Column<T> {
  label: string
  /** what the column sorts by */
  value: (row: T) => string | number | null
  /** what the cell shows, when not the value itself */
  cell?: (row: T) => ComponentChildren
}

interface Props<T> {
  caption: string
  columns: Column<T>[]
  rows: T[]
}

/**
 * A table sorted by clicking a column's header; a second click reverses it. On a narrow card each
 * row stacks into a small card of its own, every cell under its column's name.
 */
export function SortTable<T>({ caption, columns, rows }: Props<T>) {
  // by default the second column (a count), largest first
  const w = partWords('dashboard', dashboardEn)
  const [sort, setSort] = useState({ at: 1, dir: -1 })
  const column = columns[sort.at]!
  const sorted = [...rows].sort((a, b) => {
    const x = column.value(a)
    const y = column.value(b)
    if (x === y) return 0
    if (x === null) return 1
    if (y === null) return -1
    return (x < y ? -1 : 1) * sort.dir
  })

  return (
    <table class="stack">
      <caption>{caption}</caption>
      <thead class="sorts">
        {/* a narrow card shows "Sort by" before the headers */}
        <tr data-sort-by={w.sortBy}>
          {columns.map((c, at) => (
            <th
              key={c.label}
              scope="col"
              aria-sort={sort.at === at ? (sort.dir > 0 ? 'ascending' : 'descending') : undefined}
            >
              <button
                type="button"
                onClick={() => setSort((s) => ({ at, dir: s.at === at ? -s.dir : at ? -1 : 1 }))}
              >
                {c.label}
                <span aria-hidden="true">{sort.at === at ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row, i) => (
          <tr key={i}>
            {columns.map((c, at) => {
              const shown = c.cell ? c.cell(row) : (c.value(row) ?? '–')
              return at ? (
                <td key={at} data-label={c.label}>
                  {shown}
                </td>
              ) : (
                <th key={at} scope="row">
                  {shown}
                </th>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
