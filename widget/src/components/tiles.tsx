import type { Stats, StatsFigures } from '../../../worker/schemas/stats'
import { decidedOf, duration, formatDays, percent } from '../format'

interface Change {
  /** what is shown, e.g. "+5 pts" */
  text: string
  /** better, worse or the same as before */
  tone: 'good' | 'bad' | 'same'
}

/** a rate's change in percentage points; null when either period had nothing to rate */
function pointsChange(now: number | null, before: number | null | undefined): Change | null {
  if (now === null || before == null) return null
  const points = Math.round((now - before) * 100)
  if (points === 0) return { text: 'no change', tone: 'same' }
  return {
    text: `${points > 0 ? '+' : '−'}${Math.abs(points)} pts`,
    tone: points > 0 ? 'good' : 'bad',
  }
}

/** the median's change, where less time is better */
function timeChange(now: number | null, before: number | null | undefined): Change | null {
  if (now === null || before == null) return null
  const hours = now - before
  if (Math.abs(hours) < 0.5) return { text: 'no change', tone: 'same' }
  return {
    text: `${duration(Math.abs(hours))} ${hours < 0 ? 'faster' : 'slower'}`,
    tone: hours < 0 ? 'good' : 'bad',
  }
}

function countChange(now: number, before: number | undefined): Change | null {
  if (before === undefined) return null
  const n = now - before
  return n === 0
    ? { text: 'no change', tone: 'same' }
    : { text: `${n > 0 ? '+' : '−'}${Math.abs(n)}`, tone: 'same' }
}

interface TileProps {
  label: string
  value: string
  /** how many the figure rests on */
  sample: string
  change: Change | null
  /** what it is compared with: "vs previous 30 days" */
  period: string
  note?: string
}

function Tile({ label, value, sample, change, period, note }: TileProps) {
  return (
    <li class="tile">
      <span class="label">{label}</span>
      <span class="big">{value}</span>
      <span class="muted">{sample}</span>
      {change && (
        <span class={`change ${change.tone}`}>
          {change.text} <span class="sr">{period}</span>
        </span>
      )}
      {note && <span class="muted">{note}</span>}
    </li>
  )
}

/** The headline figures, each with what it rests on and its change on the previous period. */
export function Tiles({ stats, previous }: { stats: Stats; previous?: Stats }) {
  const own = stats.mine
  const f: StatsFigures = own ?? stats.totals
  const p = previous ? (previous.mine ?? previous.totals) : undefined
  const days = Math.round((Date.parse(stats.to) - Date.parse(stats.from)) / 86_400_000) + 1
  const period = `vs previous ${days} days`
  const of = (n: number) => `${n} of ${decidedOf(f)} decided`
  // interviews whose 24 hours are not over and have no note yet count in no rate
  const open = f.inWindow > 0 ? `${f.inWindow} still in their 24 hours. ` : ''
  const agency = own ? `Agency ${percent(stats.totals.sendRate)} · ` : ''
  return (
    <>
      <p class="muted period">
        {own ? 'Your figures' : "The agency's figures"}, {formatDays(stats.from, stats.to)}
        {p && `; changes against the ${days} days before`}.
      </p>
      <ul class="tiles" aria-label={own ? 'Your figures' : 'Agency figures'}>
        <Tile
          label="Send rate"
          value={percent(f.sendRate)}
          sample={of(f.funnel.sent)}
          change={pointsChange(f.sendRate, p?.sendRate)}
          period={period}
          note={`${open}${agency}Industry ${percent(stats.baseline.sendRate)}`}
        />
        <Tile
          label="On time (24 h)"
          value={percent(f.onTimeRate)}
          sample={of(f.onTime)}
          change={pointsChange(f.onTimeRate, p?.onTimeRate)}
          period={period}
          note={own ? `Agency ${percent(stats.totals.onTimeRate)}` : undefined}
        />
        <Tile
          label="Every interviewer thanked"
          value={percent(f.fullCoverageRate)}
          sample={of(f.fullCoverage)}
          change={pointsChange(f.fullCoverageRate, p?.fullCoverageRate)}
          period={period}
        />
        <Tile
          label="Median time to first note"
          value={duration(f.medianHoursToFirstNote)}
          sample={`over ${f.funnel.sent} with a note`}
          change={timeChange(f.medianHoursToFirstNote, p?.medianHoursToFirstNote)}
          period={period}
        />
        <Tile
          label="Coached interviews"
          value={String(f.coached)}
          sample={`of ${f.interviews} logged`}
          change={countChange(f.coached, p?.coached)}
          period={period}
        />
      </ul>
    </>
  )
}
