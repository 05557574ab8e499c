import type { Integration } from '../../../worker/schemas/integration'
import type { Api } from '../api'
import { formatWhen } from '../format'
import { useLoad } from '../use-load'
import { Failed } from './states'

/** the providers' own names are their ids, capitalised */
const nameOf = (provider: string) =>
  provider === 'webhook' ? 'Signed webhook' : provider[0]!.toUpperCase() + provider.slice(1)

/** "12 added · 3 updated": only the counts that are not zero. */
function countsOf({ counts }: Integration) {
  const parts: [number, string][] = [
    [counts.created, 'added'],
    [counts.updated, 'updated'],
    [counts.canceled, 'canceled'],
    [counts.ignored, 'ignored'],
    [counts.writeBacks.written, 'notes written back'],
    [counts.writeBacks.failed, 'write-backs refused'],
  ]
  const shown = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`)
  return shown.length ? shown.join(' · ') : 'Nothing received yet'
}

/** The agency's connected systems, for a manager: what each has done and its last problem. */
export function Integrations({ api, logged }: { api: Api; logged: number }) {
  const list = useLoad(() => api.get<{ data: Integration[] }>('/v1/integrations'), [api, logged])
  if (list.error) return <Failed error={list.error} retry={list.retry} />
  if (!list.data) return null
  return (
    <section class="systems" aria-labelledby="systems-title">
      <h2 id="systems-title">Connected systems</h2>
      {list.data.data.length === 0 ? (
        <p class="muted">
          No ATS is connected yet. Connect Bullhorn, Greenhouse, Lever or a signed webhook through
          the API, and interviews arrive by themselves.
        </p>
      ) : (
        <ul>
          {list.data.data.map((item) => (
            <li key={item.id}>
              <strong>{nameOf(item.provider)}</strong>
              <span class="muted">
                {item.lastEventAt ? `Last event ${formatWhen(item.lastEventAt)}` : 'No event yet'}
              </span>
              <span>{countsOf(item)}</span>
              {item.lastError && (
                <span class="warn">
                  Last problem{item.lastErrorAt ? ` (${formatWhen(item.lastErrorAt)})` : ''}:{' '}
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
