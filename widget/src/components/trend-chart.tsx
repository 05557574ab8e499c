import type { Stats } from '../../../worker/schemas/stats'
import { percent } from '../format'

const width = 560
const height = 180
const top = 16
const bottom = 24
const plot = height - top - bottom

/** Weekly send rate as bars, with the industry baseline as a dashed line. Plain SVG. */
export function TrendChart({ stats }: { stats: Stats }) {
  const weeks = stats.groups
  const slot = width / Math.max(weeks.length, 1)
  const y = (rate: number) => top + plot * (1 - rate)
  const baseline = stats.baseline.sendRate
  const summary = weeks.map((w) => `${w.label}: ${percent(w.sendRate)}`).join(', ')

  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="trend-title trend-desc"
    >
      <title id="trend-title">Send rate by week</title>
      <desc id="trend-desc">
        {summary || 'No weeks in this range.'} Industry baseline {percent(baseline)}.
      </desc>
      <line class="axis" x1={0} x2={width} y1={y(0)} y2={y(0)} />
      {weeks.map((w, i) => {
        const rate = w.sendRate ?? 0
        const mid = (i + 0.5) * slot
        const bar = Math.min(slot * 0.7, 48)
        return (
          <g key={w.label}>
            <rect class="bar" x={mid - bar / 2} y={y(rate)} width={bar} height={plot * rate} />
            <text x={mid} y={y(rate) - 4}>
              {percent(w.sendRate)}
            </text>
            <text x={mid} y={height - 6}>
              {w.label.replace(/^\d{4}-/, '')}
            </text>
          </g>
        )
      })}
      <line class="baseline" x1={0} x2={width} y1={y(baseline)} y2={y(baseline)} />
      <text class="end" x={width - 4} y={y(baseline) - 4}>
        Industry {percent(baseline)}
      </text>
    </svg>
  )
}
