import { useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { Stats } from '../../../worker/schemas/stats'
import { decidedOf, percent } from '../format'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'

type Week = Stats['groups'][number]

const series = [
  { key: 'sendRate', class: 'send' },
  { key: 'onTimeRate', class: 'ontime' },
  { key: 'fullCoverageRate', class: 'full' },
] as const

const height = 200
const pad = { top: 14, right: 18, bottom: 26, left: 38 }
/** room each week label needs, so labels thin out on a narrow card rather than overlap */
const labelRoom = 46

/** the element's content width, followed as it changes (0 while hidden) */
function useWidth<T extends Element>() {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)))
    observer.observe(ref.current!)
    return () => observer.disconnect()
  }, [])
  return [ref, width] as const
}

/**
 * Send, on-time and full-coverage rates by week as lines, with the industry's send rate dashed.
 * Drawn at the card's own width, so its labels keep their size on a phone; a table beside it
 * holds the same figures with their sample sizes.
 */
export function TrendChart({ stats }: { stats: Stats }) {
  const w = partWords('dashboard', dashboardEn)
  const label = (s: (typeof series)[number]) => w.rates[s.key]
  const [ref, width] = useWidth<HTMLDivElement>()
  const weeks = stats.breakdowns.week ?? []
  const plotWidth = width - pad.left - pad.right
  const plotHeight = height - pad.top - pad.bottom
  const x = (i: number) =>
    pad.left + (weeks.length > 1 ? (plotWidth * i) / (weeks.length - 1) : plotWidth / 2)
  const y = (rate: number) => pad.top + plotHeight * (1 - rate)
  const every = Math.max(1, Math.ceil((weeks.length * labelRoom) / Math.max(plotWidth, 1)))
  const baseline = stats.baseline.sendRate
  const weekLabel = (week: Week) => week.label.replace(/^\d{4}-/, '')

  /** a line through the weeks that have a rate; a week with nothing coached leaves a gap */
  const path = (key: (typeof series)[number]['key']) =>
    weeks
      .map((week, i) => {
        const rate = week[key]
        if (rate === null) return ''
        const gap = i === 0 || weeks[i - 1]![key] === null
        return `${gap ? 'M' : 'L'}${x(i).toFixed(1)} ${y(rate).toFixed(1)}`
      })
      .join('')

  return (
    <figure class="trend">
      <ul class="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <svg width="22" height="10">
              <line class={s.class} x1="1" x2="21" y1="5" y2="5" />
            </svg>
            {label(s)}
          </li>
        ))}
        <li>
          <svg width="22" height="10">
            <line class="baseline" x1="1" x2="21" y1="5" y2="5" />
          </svg>
          {w.industrySendRate}
        </li>
      </ul>
      <div ref={ref} class="plot">
        {width > 0 && (
          <svg
            class="chart"
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-labelledby="trend-title trend-desc"
          >
            <title id="trend-title">{w.ratesByWeek(false)}</title>
            <desc id="trend-desc">
              {weeks
                .map((week) =>
                  w.trend.described(
                    week.label,
                    series.map((s) => `${label(s)} ${percent(week[s.key])}`).join(', '),
                    decidedOf(week),
                  ),
                )
                .join(' ') || w.trend.noWeeks}{' '}
              {w.trend.industry(percent(baseline))}
            </desc>
            {[0, 0.5, 1].map((rate) => (
              <g key={rate}>
                <line
                  class="gridline"
                  x1={pad.left}
                  x2={width - pad.right}
                  y1={y(rate)}
                  y2={y(rate)}
                />
                <text class="end" x={pad.left - 6} y={y(rate) + 4}>
                  {percent(rate)}
                </text>
              </g>
            ))}
            <line
              class="baseline"
              x1={pad.left}
              x2={width - pad.right}
              y1={y(baseline)}
              y2={y(baseline)}
            />
            {series.map((s) => (
              <g key={s.key} class={s.class}>
                <path d={path(s.key)} />
                {weeks.map(
                  (week, i) =>
                    week[s.key] !== null && (
                      <circle key={week.label} cx={x(i)} cy={y(week[s.key]!)} r="3.5" />
                    ),
                )}
              </g>
            ))}
            {weeks.map(
              (week, i) =>
                (weeks.length - 1 - i) % every === 0 && (
                  <text key={week.label} x={x(i)} y={height - 8}>
                    {weekLabel(week)}
                  </text>
                ),
            )}
          </svg>
        )}
      </div>
      <details>
        <summary>{w.trend.asTable}</summary>
        <table class="stack">
          <caption>{w.ratesByWeek(false)}</caption>
          <thead>
            <tr>
              <th scope="col">{w.trend.week}</th>
              <th scope="col">{w.coached}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {label(s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.label}>
                <th scope="row">{week.label}</th>
                <td data-label={w.coached}>{week.coached}</td>
                {series.map((s) => (
                  <td key={s.key} data-label={label(s)}>
                    {percent(week[s.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
