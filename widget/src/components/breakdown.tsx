import type { Stats, StatsFigures } from '../../../worker/schemas/stats'
import { decidedOf, percent } from '../format'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'
import { SortTable, type Column } from './sort-table'

type Group = Stats['groups'][number]
type Words = typeof dashboardEn

const rates = [
  { rate: 'sendRate', count: (f: StatsFigures) => f.funnel.sent },
  { rate: 'onTimeRate', count: (f: StatsFigures) => f.onTime },
  { rate: 'fullCoverageRate', count: (f: StatsFigures) => f.fullCoverage },
] as const

/** a group is flagged when this many points below the agency… */
const flagPoints = 15
/** …over at least this many decided interviews, so one bad week of two is not a trend */
const flagSample = 5

/** how far below the agency a group's rate is, in points, when far enough to flag */
function shortfall(
  group: StatsFigures,
  agency: StatsFigures,
  rate: (typeof rates)[number]['rate'],
) {
  const own = group[rate]
  const all = agency[rate]
  if (own === null || all === null || decidedOf(group) < flagSample) return 0
  const points = Math.round((all - own) * 100)
  return points >= flagPoints ? points : 0
}

const columns = (w: Words, first: string, agency: StatsFigures): Column<Group>[] => [
  { label: first, value: (g) => g.label },
  { label: w.coached, value: (g) => g.coached },
  ...rates.map((r): Column<Group> => ({
    // the full-coverage rate's name is a long one for a column
    label: r.rate === 'fullCoverageRate' ? w.allThanked : w.rates[r.rate],
    value: (g) => g[r.rate],
    cell: (g) => {
      const below = shortfall(g, agency, r.rate)
      return (
        <>
          <span class={below ? 'low' : undefined}>
            {below > 0 && <span aria-hidden="true">▼ </span>}
            {percent(g[r.rate])}
          </span>
          <span class="muted count">
            {' '}
            {r.count(g)}/{decidedOf(g)}
          </span>
          {below > 0 && <span class="sr"> {w.breakdown.below(below)}</span>}
        </>
      )
    },
  })),
]

/**
 * A breakdown (by recruiter or client) as a sortable table, rates with the counts behind them,
 * and a sentence naming the groups well below the agency's rates.
 */
export function Breakdown({
  caption,
  first,
  rows,
  agency,
}: {
  caption: string
  first: string
  rows: Group[]
  agency: StatsFigures
}) {
  const w = partWords('dashboard', dashboardEn)
  // one line per group, naming each rate well below the agency's with the counts behind it
  const flagged = rows.flatMap((g) => {
    const low = rates
      .filter((r) => shortfall(g, agency, r.rate) > 0)
      .map((r) =>
        w.breakdown.flag(
          w.rates[r.rate],
          percent(g[r.rate]),
          r.count(g),
          decidedOf(g),
          percent(agency[r.rate]),
        ),
      )
    return low.length ? [`${g.label}: ${low.join('; ')}`] : []
  })
  return (
    <>
      <SortTable caption={caption} columns={columns(w, first, agency)} rows={rows} />
      {flagged.length > 0 && (
        <div class="flags">
          <p>
            <strong>{w.breakdown.flagged}</strong>{' '}
            <span class="muted">{w.breakdown.flagRule(flagPoints, flagSample)}</span>
          </p>
          <ul>
            {flagged.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
