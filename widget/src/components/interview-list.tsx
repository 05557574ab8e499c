import { useEffect, useState } from 'preact/hooks'
import type { Interview } from '../../../worker/schemas/interview'
import type { Api, ApiFailure } from '../api'
import { formatWhen } from '../format'
import { Empty, Failed, Loading } from './states'

interface Page {
  data: Interview[]
  nextCursor: string | null
}

const filters = [
  ['', 'All interviews'],
  ['scheduled', 'Scheduled'],
  ['awaiting_notes', 'Awaiting notes'],
  ['notes_sent', 'Some notes sent'],
  ['all_notes_sent', 'All notes sent'],
  ['not_emailed', 'Not emailed'],
  ['canceled', 'Canceled'],
] as const

const emailLabels: Record<Interview['coaching']['email'], [string, Tone]> = {
  queued: ['Email queued', 'grey'],
  sent: ['Emailed', 'grey'],
  captured: ['Emailed', 'grey'],
  delivered: ['Delivered', 'good'],
  bounced: ['Bounced', 'bad'],
  failed: ['Email failed', 'bad'],
  suppressed: ['Not emailed', 'bad'],
}

type Tone = 'good' | 'warn' | 'bad' | 'grey'

/** Whether the first note beat the 24-hour deadline, missed it, or may still. */
function timing(c: Interview['coaching'], people: Interview['interviewers']): [string, Tone] {
  const sent = people.map((p) => p.noteSentAt).filter((t): t is string => !!t)
  const first = sent.sort()[0]
  const deadline = Date.parse(c.deadline)
  if (first) return Date.parse(first) <= deadline ? ['On time', 'good'] : ['Late', 'warn']
  if (Date.now() > deadline) return ['No note in 24 h', 'bad']
  return [`Due ${formatWhen(c.deadline)}`, 'grey']
}

function badgesOf(i: Interview): [string, Tone][] {
  const c = i.coaching
  if (c.status === 'canceled') return [['Canceled', 'grey']]
  if (c.status === 'scheduled' && c.emailDueAt) {
    return [[`Coaching email ${formatWhen(c.emailDueAt)}`, 'grey']]
  }
  const badges: [string, Tone][] = [emailLabels[c.email]]
  if (c.pageOpenedAt) badges.push(['Page opened', 'good'])
  badges.push([`Notes ${c.notesSent}/${c.notesTotal}`, c.notesSent ? 'good' : 'grey'])
  if (c.email !== 'bounced' && c.email !== 'suppressed') badges.push(timing(c, i.interviewers))
  if (c.reminder === 'sent' || c.reminder === 'captured') badges.push(['Reminded', 'grey'])
  if (c.unsubscribed) badges.push(['Unsubscribed', 'warn'])
  return badges
}

/** GET /v1/interviews: newest first, filtered by status, a page at a time. */
export function InterviewList({ api, logged }: { api: Api; logged: number }) {
  const [status, setStatus] = useState('')
  const [items, setItems] = useState<Interview[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiFailure>()
  const [failedAfter, setFailedAfter] = useState<string>()

  async function load(after?: string) {
    setLoading(true)
    setError(undefined)
    setFailedAfter(after)
    try {
      const page = await api.get<Page>('/v1/interviews', { status, cursor: after })
      setItems((old) => (after ? [...old, ...page.data] : page.data))
      setCursor(page.nextCursor)
    } catch (err) {
      setError(err as ApiFailure)
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    load()
  }, [status, logged])

  return (
    <>
      <p class="toolbar">
        <label for="status-filter">Show</label>
        <select
          id="status-filter"
          value={status}
          onChange={(e) => {
            setItems([])
            setStatus(e.currentTarget.value)
          }}
        >
          {filters.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </p>
      {items.length > 0 && (
        <ul class="interviews">
          {items.map((i) => (
            <li key={i.id}>
              <p>
                <strong>{i.candidate?.name ?? 'Erased candidate'}</strong> · {i.roleTitle} at{' '}
                {i.clientCompany}
              </p>
              <p class="muted">
                {formatWhen(i.startsAt)} · {i.durationMinutes} min · {i.interviewers.length}{' '}
                interviewer{i.interviewers.length === 1 ? '' : 's'}
              </p>
              <ul class="badges" aria-label="Status">
                {badgesOf(i).map(([label, tone]) => (
                  <li key={label} class={tone}>
                    {label}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <Failed error={error} retry={() => load(failedAfter)} />
      ) : loading ? (
        <Loading what="interviews" />
      ) : items.length === 0 ? (
        <Empty>
          {status ? 'No interviews with this status.' : 'No interviews yet. Log one to start.'}
        </Empty>
      ) : (
        cursor && (
          <p class="actions">
            <button type="button" class="secondary" onClick={() => load(cursor)}>
              Load more
            </button>
          </p>
        )
      )}
    </>
  )
}
