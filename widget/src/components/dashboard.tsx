import { useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { Stats, StatsGroupBy } from '../../../worker/schemas/stats'
import type { Api, ApiFailure } from '../api'
import css from '../dashboard.css'
import { percent } from '../format'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'
import { useLoad } from '../use-load'
import { Breakdown } from './breakdown'
import { Funnel } from './funnel'
import { Integrations } from './integrations'
import { Outcomes } from './outcomes'
import { Empty, Failed, Loading } from './states'
import { Tiles } from './tiles'
import { TrendChart } from './trend-chart'

// the dashboard's own styles come with its chunk, added to the shadow root when it first shows
const sheet = new CSSStyleSheet()
sheet.replaceSync(css)

/**
 * GET /v1/stats for a date range with the period of equal length before it: tiles with their
 * change, the funnel, weekly trends, breakdowns with CSV downloads, and outcomes.
 */
export function Dashboard({ api, logged }: { api: Api; logged: number }) {
  const w = partWords('dashboard', dashboardEn)
  const root = useRef<HTMLDivElement>(null)
  const [range, setRange] = useState<{ from?: string; to?: string }>({})
  const [csvError, setCsvError] = useState<ApiFailure>()
  // one request: every breakdown from one pass over the range's days (a recruiter session gets no
  // breakdown by recruiter), and the totals of the period of equal length before it
  const figures = useLoad(
    () =>
      api.get<Stats>('/v1/stats', {
        ...range,
        groupBy: 'week,client,recruiter',
        compare: 'previous',
      }),
    [range.from, range.to, logged],
  )
  const data = figures.data

  useLayoutEffect(() => {
    const shadow = root.current!.getRootNode() as ShadowRoot
    if (!shadow.adoptedStyleSheets.includes(sheet)) {
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet]
    }
  }, [])

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
    <span class="field">
      <label for={`stats-${end}`}>{label}</label>
      <input
        id={`stats-${end}`}
        type="date"
        value={range[end] ?? data?.[end]}
        onChange={(e) => setRange((r) => ({ ...r, [end]: e.currentTarget.value || undefined }))}
      />
    </span>
  )

  const table = (caption: string, first: string, groupBy: StatsGroupBy) =>
    data?.breakdowns[groupBy] && (
      <section class="breakdown">
        <Breakdown
          caption={caption}
          first={first}
          rows={data.breakdowns[groupBy]}
          agency={data.totals}
        />
        <button type="button" class="secondary" onClick={() => download(groupBy)}>
          {w.csv} <span class="sr">{caption}</span>
        </button>
      </section>
    )

  const own = data?.mine ?? data?.totals
  return (
    <div class="dash" ref={root}>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={w.range}>
        {dateInput('from', w.from)}
        {dateInput('to', w.to)}
        <button type="button" class="secondary" onClick={figures.retry} disabled={figures.loading}>
          {w.refresh}
        </button>
      </form>
      {figures.error ? (
        <Failed error={figures.error} retry={figures.retry} />
      ) : !data || !own ? (
        <Loading what={w.figures} />
      ) : data.totals.interviews === 0 ? (
        <Empty>{w.noInterviews}</Empty>
      ) : own.interviews === 0 ? (
        <>
          <Tiles stats={data} />
          <Empty>{w.noneOfYours}</Empty>
        </>
      ) : (
        <>
          <Tiles stats={data} />
          <div class="pair">
            <section>
              <h2>{w.ratesByWeek(!!data.mine)}</h2>
              <TrendChart stats={data} />
            </section>
            <section>
              <h2>{w.funnelTitle(!!data.mine)}</h2>
              <Funnel figures={own} />
            </section>
          </div>
          {table(w.byRecruiter, w.recruiter, 'recruiter')}
          {table(w.byClient(!!data.mine), w.client, 'client')}
          {csvError && <Failed error={csvError} />}
          <Outcomes outcomes={data.outcomes} mine={!!data.mine} />
          <p class="muted source">
            {w.baseline(percent(data.baseline.sendRate), data.baseline.source)}
          </p>
        </>
      )}
      {figures.loading && data && <Loading what={w.figures} />}
      {data && !data.mine && <Integrations api={api} logged={logged} />}
    </div>
  )
}
