import type { Integration } from '../../../worker/schemas/integration'
import type { Api } from '../api'
import { formatWhen } from '../format'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'
import { useLoad } from '../use-load'
import { Failed } from './states'

type Words = (typeof dashboardEn)['systems']

/** the providers' own names are their ids, capitalised */
const nameOf = (provider: string, w: Words) =>
  provider === 'webhook' ? w.webhook : provider[0]!.toUpperCase() + provider.slice(1)

/** "12 added · 3 updated": only the counts that are not zero. */
function countsOf({ counts }: Integration, w: Words) {
  const parts: [number, (n: number) => string][] = [
    [counts.created, w.created],
    [counts.updated, w.updated],
    [counts.canceled, w.canceled],
    [counts.ignored, w.ignored],
    [counts.writeBacks.written, w.written],
    [counts.writeBacks.failed, w.refused],
  ]
  const shown = parts.filter(([n]) => n > 0).map(([n, say]) => say(n))
  return shown.length ? shown.join(' · ') : w.nothing
}

/** The agency's connected systems, for a manager: what each has done and its last problem. */
export function Integrations({ api, logged }: { api: Api; logged: number }) {
  const w = partWords('dashboard', dashboardEn).systems
  const list = useLoad(() => api.get<{ data: Integration[] }>('/v1/integrations'), [api, logged])
  if (list.error) return <Failed error={list.error} retry={list.retry} />
  if (!list.data) return null
  return (
    <section class="systems" aria-labelledby="systems-title">
      <h2 id="systems-title">{w.title}</h2>
      {list.data.data.length === 0 ? (
        <p class="muted">{w.none}</p>
      ) : (
        <ul>
          {list.data.data.map((item) => (
            <li key={item.id}>
              <strong>{nameOf(item.provider, w)}</strong>
              <span class="muted">
                {item.lastEventAt ? w.lastEvent(formatWhen(item.lastEventAt)) : w.noEvent}
              </span>
              <span>{countsOf(item, w)}</span>
              {item.lastError && (
                <span class="warn">
                  {w.lastProblem(item.lastErrorAt ? formatWhen(item.lastErrorAt) : undefined)}{' '}
                  {item.lastError}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
