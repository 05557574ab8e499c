import { useState } from 'preact/hooks'
import type { Stats, StatsFigures, StatsGroupBy } from '../../../worker/schemas/stats'
import type { Api, ApiFailure } from '../api'
import { percent } from '../format'
import { useLoad } from '../use-load'
import { SortTable, type Column } from './sort-table'
import { Integrations } from './integrations'
import { Empty, Failed, Loading } from './states'
import { TrendChart } from './trend-chart'

type Group = Stats['groups'][number]

const columns = (first: string): Column<Group>[] => [
  { label: first, value: (g) => g.label },
  { label: 'Coached', value: (g) => g.coached },
  { label: 'Send rate', value: (g) => g.sendRate, format: percent },
  { label: 'On time', value: (g) => g.onTimeRate, format: percent },
  { label: 'All thanked', value: (g) => g.fullCoverageRate, format: percent },
]

function Tile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <li class="tile">
      <span class="big">{value}</span>
      <span>{label}</span>
      {note && <span class="muted">{note}</span>}
    </li>
  )
}

function Tiles({ stats }: { stats: Stats }) {
  const own = stats.mine
  const f: StatsFigures = own ?? stats.totals
  const agency = (rate: number | null) => (own ? `Agency: ${percent(rate)}` : undefined)
  const median = f.medianHoursToFirstNote
  return (
    <ul class="tiles" aria-label={own ? 'Your figures' : 'Agency figures'}>
      <Tile
        label="Send rate"
        value={percent(f.sendRate)}
        note={[agency(stats.totals.sendRate), `Industry: ${percent(stats.baseline.sendRate)}`]
          .filter(Boolean)
          .join(' · ')}
      />
      <Tile
        label="On time (24 h)"
        value={percent(f.onTimeRate)}
        note={agency(stats.totals.onTimeRate)}
      />
      <Tile label="Every interviewer thanked" value={percent(f.fullCoverageRate)} />
      <Tile
        label="Coached interviews"
        value={String(f.coached)}
        note={`of ${f.interviews} logged`}
      />
      <Tile label="Median hours to first note" value={median === null ? '–' : median.toFixed(1)} />
    </ul>
  )
}

/** GET /v1/stats for a date range: tiles, the weekly trend, and breakdowns with CSV downloads. */
export function Dashboard({ api, logged }: { api: Api; logged: number }) {
  const [range, setRange] = useState<{ from?: string; to?: string }>({})
  const [csvError, setCsvError] = useState<ApiFailure>()
  // one request for the whole dashboard: every breakdown from one pass over the interviews (a
  // recruiter session gets no breakdown by recruiter)
  const figures = useLoad(
    () => api.get<Stats>('/v1/stats', { ...range, groupBy: 'week,client,recruiter' }),
    [range.from, range.to, logged],
  )
  const data = figures.data

  async function download(groupBy: StatsGroupBy) {
    setCsvError(undefined)
    try {
      const blob = await api.download('/v1/stats.csv', {
        from: data!.from,
        to: data!.to,
        groupBy,
      })
      const a = document.createElement('a')
      a.href = URL.createObjectURL(blob)
      a.download = `followthrough-${groupBy}-${data!.from}-${data!.to}.csv`
      a.click()
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
    } catch (err) {
      setCsvError(err as ApiFailure)
    }
  }

  /** One end of the date range; cleared, it falls back to the API's default. */
  const dateInput = (end: 'from' | 'to', label: string) => (
    <>
      <label for={`stats-${end}`}>{label}</label>
      <input
        id={`stats-${end}`}
        type="date"
        value={range[end] ?? data?.[end]}
        onChange={(e) => setRange((r) => ({ ...r, [end]: e.currentTarget.value || undefined }))}
      />
    </>
  )

  const table = (caption: string, first: string, groupBy: StatsGroupBy) =>
    data?.breakdowns[groupBy] && (
      <section class="breakdown">
        <SortTable caption={caption} columns={columns(first)} rows={data.breakdowns[groupBy]} />
        <button type="button" class="secondary" onClick={() => download(groupBy)}>
          Download CSV <span class="sr">{caption}</span>
        </button>
      </section>
    )

  return (
    <>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Date range">
        {dateInput('from', 'From')}
        {dateInput('to', 'To')}
        <button type="button" class="secondary" onClick={figures.retry} disabled={figures.loading}>
          Refresh
        </button>
      </form>
      {figures.error ? (
        <Failed error={figures.error} retry={figures.retry} />
      ) : !data ? (
        <Loading what="figures" />
      ) : data.totals.interviews === 0 ? (
        <Empty>No interviews in this range yet. Logged interviews show up here.</Empty>
      ) : data.mine?.interviews === 0 ? (
        <>
          <Tiles stats={data} />
          <Empty>None of your interviews fall in this range yet.</Empty>
        </>
      ) : (
        <>
          <Tiles stats={data} />
          <h3>{data.mine ? 'Your send rate by week' : 'Send rate by week'}</h3>
          <TrendChart stats={data} />
          {table('By recruiter', 'Recruiter', 'recruiter')}
          {table(data.mine ? 'Your interviews by client' : 'By client', 'Client', 'client')}
          {csvError && <Failed error={csvError} />}
        </>
      )}
      {figures.loading && data && <Loading what="figures" />}
      {data && !data.mine && <Integrations api={api} logged={logged} />}
    </>
  )
}
