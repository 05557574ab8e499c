import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { Agency } from '../../../worker/schemas/agency'
import { ApiFailure, type Api } from '../api'
import { words } from '../strings'
import { applyBranding } from '../theme'
import { useLoad } from '../use-load'
import { LogForm } from './log-form'
import { Failed, Loading } from './states'

const tabs = ['log', 'list', 'stats'] as const

type TabId = (typeof tabs)[number]

/**
 * A panel whose code is a chunk of its own, fetched the first time its tab opens (the log form,
 * which opens first, comes with the app).
 */
function Lazy<P extends object>(props: {
  load: () => Promise<ComponentType<P>>
  what: string
  with: P
}) {
  const chunk = useLoad(
    () =>
      props.load().catch(() => {
        throw new ApiFailure(0, words().lazy.failed(props.what))
      }),
    [],
  )
  if (chunk.error) return <Failed error={chunk.error} retry={chunk.retry} />
  const Panel = chunk.data
  return Panel ? <Panel {...props.with} /> : <Loading what={props.what.toLowerCase()} />
}

const loadList = () => import('./interview-list').then((m) => m.InterviewList)
const loadDashboard = () => import('./dashboard').then((m) => m.Dashboard)

/** The whole widget: the agency's name and colours, three tabs, and a panel for each. */
export function Widget({ api }: { api: Api }) {
  const agency = useLoad(() => api.get<Agency>('/v1/agency'), [api])
  const [current, setCurrent] = useState<TabId>('log')
  // panels stay mounted once opened, so a half-filled form survives a look at the list
  const [opened, setOpened] = useState<TabId[]>(['log'])
  // bumped when an interview is logged, so the list and dashboard reload
  const [logged, setLogged] = useState(0)
  // bumped when one is changed from the list (canceled, rescheduled, an outcome): the dashboard reloads
  const [changed, setChanged] = useState(0)

  useEffect(() => {
    const branding = agency.data?.branding
    if (branding) applyBranding(branding.primaryColor, branding.accentColor)
  }, [agency.data])

  function select(id: TabId, focus?: HTMLElement | null) {
    setCurrent(id)
    setOpened((o) => (o.includes(id) ? o : [...o, id]))
    focus?.focus()
  }

  function onTabKey(e: KeyboardEvent) {
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('button')]
    const at = tabs.indexOf(current)
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key]
    if (to === undefined) return
    e.preventDefault()
    const next = (to + tabs.length) % tabs.length
    select(tabs[next]!, buttons[next])
  }

  const w = words()
  return (
    <div class="ft" lang={w.lang}>
      <header class="head">
        <strong>{agency.data?.name ?? w.head.fallbackName}</strong>
        <span class="muted">{w.head.tagline}</span>
      </header>
      {agency.error && <Failed error={agency.error} retry={agency.retry} />}
      <div role="tablist" aria-label="Followthrough" class="tabs" onKeyDown={onTabKey}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={current === id}
            aria-controls={`panel-${id}`}
            tabIndex={current === id ? 0 : -1}
            onClick={() => select(id)}
          >
            {w.tabs[id]}
          </button>
        ))}
      </div>
      {tabs.map((id) => (
        <section
          key={id}
          role="tabpanel"
          id={`panel-${id}`}
          aria-labelledby={`tab-${id}`}
          hidden={current !== id}
          class="panel"
        >
          {opened.includes(id) &&
            (id === 'log' ? (
              <LogForm
                api={api}
                agency={agency.data}
                onLogged={() => setLogged((n) => n + 1)}
                onShowList={() => select('list')}
              />
            ) : id === 'list' ? (
              <Lazy
                load={loadList}
                what={w.lazy.list}
                with={{ api, logged, onChange: () => setChanged((n) => n + 1) }}
              />
            ) : (
              <Lazy
                load={loadDashboard}
                what={w.lazy.dashboard}
                with={{ api, logged: logged + changed }}
              />
            ))}
        </section>
      ))}
    </div>
  )
}
