import { useState } from 'preact/hooks'

export interface Column<T> {
  label: string
  value: (row: T) => string | number | null
  format?: (value: number | null) => string
}

interface Props<T> {
  caption: string
  columns: Column<T>[]
  rows: T[]
}

/** A table sorted by clicking a column's header; a second click reverses it. */
export function SortTable<T>({ caption, columns, rows }: Props<T>) {
  // by default the second column (a count), largest first
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
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
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
              const value = c.value(row)
              const shown = c.format ? c.format(value as number | null) : (value ?? '–')
              return at ? (
                <td key={at}>{shown}</td>
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
