import type { Stats, StatsFigures } from '../../../worker/schemas/stats'
import { decidedOf, formatDays, percent } from '../format'
import { words } from '../strings'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'

type Words = typeof dashboardEn

interface Change {
  /** what is shown, e.g. "+5 pts" */
  text: string
  /** better, worse or the same as before */
  tone: 'good' | 'bad' | 'same'
}

const sign = (n: number) => (n > 0 ? '+' : '−')

/** hours as people say them: "40 min", "9 h", "2.5 h", "2.3 days" (decimals in the words' language) */
function duration(hours: number | null, { duration: unit }: Words): string {
  if (hours === null) return '–'
  const number = (n: number) => n.toLocaleString(words().lang, { maximumFractionDigits: 1 })
  if (hours < 1) return unit.minutes(number(Math.max(1, Math.round(hours * 60))))
  if (hours < 10) return unit.hours(number(hours))
  if (hours < 48) return unit.hours(number(Math.round(hours)))
  return unit.days(number(hours / 24))
}

/** a rate's change in percentage points; null when either period had nothing to rate */
function pointsChange(
  w: Words,
  now: number | null,
  before: number | null | undefined,
): Change | null {
  if (now === null || before == null) return null
  const points = Math.round((now - before) * 100)
  if (points === 0) return { text: w.tiles.noChange, tone: 'same' }
  return {
    text: `${sign(points)}${w.tiles.points(Math.abs(points))}`,
    tone: points > 0 ? 'good' : 'bad',
  }
}

/** the median's change, where less time is better */
function timeChange(
  w: Words,
  now: number | null,
  before: number | null | undefined,
): Change | null {
  if (now === null || before == null) return null
  const hours = now - before
  if (Math.abs(hours) < 0.5) return { text: w.tiles.noChange, tone: 'same' }
  const time = duration(Math.abs(hours), w)
  return {
    text: hours < 0 ? w.tiles.faster(time) : w.tiles.slower(time),
    tone: hours < 0 ? 'good' : 'bad',
  }
}

function countChange(w: Words, now: number, before: number | undefined): Change | null {
  if (before === undefined) return null
  const n = now - before
  return { text: n === 0 ? w.tiles.noChange : `${sign(n)}${Math.abs(n)}`, tone: 'same' }
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
export function Tiles({ stats }: { stats: Stats }) {
  const w = partWords('dashboard', dashboardEn)
  const t = w.tiles
  const own = stats.mine
  const f: StatsFigures = own ?? stats.totals
  const p = stats.previous ? (stats.previous.mine ?? stats.previous.totals) : undefined
  const days = Math.round((Date.parse(stats.to) - Date.parse(stats.from)) / 86_400_000) + 1
  const period = t.against(days)
  const of = (n: number) => w.ofDecided(n, decidedOf(f))
  // interviews whose 24 hours are not over and have no note yet count in no rate
  const open = f.inWindow > 0 ? `${t.open(f.inWindow)} ` : ''
  const agency = own ? `${t.agency(percent(stats.totals.sendRate))} · ` : ''
  return (
    <>
      <p class="muted period">{t.period(!!own, formatDays(stats.from, stats.to), p && days)}</p>
      <ul class="tiles" aria-label={t.name(!!own)}>
        <Tile
          label={w.rates.sendRate}
          value={percent(f.sendRate)}
          sample={of(f.funnel.sent)}
          change={pointsChange(w, f.sendRate, p?.sendRate)}
          period={period}
          note={`${open}${agency}${t.industry(percent(stats.baseline.sendRate))}`}
        />
        <Tile
          label={t.onTime}
          value={percent(f.onTimeRate)}
          sample={of(f.onTime)}
          change={pointsChange(w, f.onTimeRate, p?.onTimeRate)}
          period={period}
          note={own ? t.agency(percent(stats.totals.onTimeRate)) : undefined}
        />
        <Tile
          label={w.rates.fullCoverageRate}
          value={percent(f.fullCoverageRate)}
          sample={of(f.fullCoverage)}
          change={pointsChange(w, f.fullCoverageRate, p?.fullCoverageRate)}
          period={period}
        />
        <Tile
          label={t.median}
          value={duration(f.medianHoursToFirstNote, w)}
          sample={t.withNote(f.funnel.sent)}
          change={timeChange(w, f.medianHoursToFirstNote, p?.medianHoursToFirstNote)}
          period={period}
        />
        <Tile
          label={t.coached}
          value={String(f.coached)}
          sample={t.logged(f.interviews)}
          change={countChange(w, f.coached, p?.coached)}
          period={period}
        />
      </ul>
    </>
  )
}
