import { useEffect, useRef, useState } from 'preact/hooks'
import type { Interview } from '../../../worker/schemas/interview'
import { ApiFailure, type Api } from '../api'
import { formatWhen, isUpcoming } from '../format'
import { useLoad } from '../use-load'
import { Empty, Failed, Loading } from './states'

interface Page {
  data: Interview[]
  nextCursor: string | null
  scope: 'agency' | 'own'
}

const statuses = [
  ['', 'Any status'],
  ['scheduled', 'Scheduled'],
  ['awaiting_notes', 'Awaiting notes'],
  ['notes_sent', 'Some notes sent'],
  ['all_notes_sent', 'All notes sent'],
  ['not_emailed', 'Not emailed'],
  ['canceled', 'Canceled'],
] as const

type Tone = 'good' | 'warn' | 'bad' | 'grey'

const emailLabels: Record<Interview['coaching']['email'], [string, Tone]> = {
  queued: ['Email queued', 'grey'],
  sent: ['Emailed', 'grey'],
  captured: ['Emailed', 'grey'],
  delivered: ['Delivered', 'good'],
  bounced: ['Bounced', 'bad'],
  failed: ['Email failed', 'bad'],
  suppressed: ['Not emailed', 'bad'],
}

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

const noFilters = { recruiterId: '', clientCompany: '', status: '', from: '', to: '', q: '' }
type Filters = typeof noFilters

/** A date input's day as the instant it starts in the browser's zone; `next` for the day after. */
const dayStart = (day: string, next = false) => {
  if (!day) return undefined
  const d = new Date(`${day}T00:00`)
  if (next) d.setDate(d.getDate() + 1)
  return d.toISOString()
}

/** The detail panel's code is a chunk of its own, fetched when a first interview is opened. */
function LazyDetail(props: {
  api: Api
  id: string
  onChange: (i: Interview) => void
  onClose: () => void
}) {
  const chunk = useLoad(
    () =>
      import('./interview-detail').catch(() => {
        throw new ApiFailure(
          0,
          'The details could not be loaded. Check your connection and retry, or reload the page if Followthrough was just updated.',
        )
      }),
    [],
  )
  if (chunk.error) return <Failed error={chunk.error} retry={chunk.retry} />
  return chunk.data ? <chunk.data.InterviewDetail {...props} /> : <Loading what="the details" />
}

/**
 * GET /v1/interviews in the order they take place, latest first, a page at a time: filtered by
 * recruiter (for a manager), client, status, dates and a search, each row opening its details.
 */
export function InterviewList(props: { api: Api; logged: number; onChange: () => void }) {
  const { api, logged } = props
  const [filters, setFilters] = useState<Filters>(noFilters)
  const [typed, setTyped] = useState('')
  const [items, setItems] = useState<Interview[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [scope, setScope] = useState<Page['scope']>('own')
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiFailure>()
  const [failedAfter, setFailedAfter] = useState<string>()
  const [open, setOpen] = useState<string>()
  // the recruiters and clients seen so far, offered as filters (a filter never hides its options);
  // a manager is offered every recruiter of the agency
  const seen = useRef({ recruiters: new Map<string, string>(), clients: new Set<string>() })
  const [, setRecruitersKnown] = useState(false)
  useEffect(() => {
    if (scope !== 'agency') return
    api.get<{ data: { id: string; name: string }[] }>('/v1/recruiters').then(
      ({ data }) => {
        for (const r of data) seen.current.recruiters.set(r.id, r.name)
        setRecruitersKnown(true)
      },
      // the recruiters of the rows loaded stay on offer
      () => undefined,
    )
  }, [api, scope])
  // only the answer to the latest request is shown
  const latest = useRef(0)
  const list = useRef<HTMLUListElement>(null)

  async function load(after?: string) {
    const call = ++latest.current
    setLoading(true)
    setError(undefined)
    setFailedAfter(after)
    try {
      const { from, to, ...rest } = filters
      const page = await api.get<Page>('/v1/interviews', {
        ...rest,
        from: dayStart(from),
        to: dayStart(to, true),
        order: 'starts_at',
        cursor: after,
      })
      if (call !== latest.current) return
      for (const i of page.data) {
        if (i.recruiter) seen.current.recruiters.set(i.recruiter.id, i.recruiter.name)
        seen.current.clients.add(i.clientCompany)
      }
      setItems((old) => (after ? [...old, ...page.data] : page.data))
      setCursor(page.nextCursor)
      setScope(page.scope)
    } catch (err) {
      if (call === latest.current) setError(err as ApiFailure)
    } finally {
      if (call === latest.current) setLoading(false)
    }
  }

  useEffect(() => {
    load()
  }, [filters, logged])

  // the search waits for a pause in typing
  useEffect(() => {
    const wait = setTimeout(() => set('q', typed.trim()), 300)
    return () => clearTimeout(wait)
  }, [typed])

  function set(name: keyof Filters, value: string) {
    setFilters((f) => (f[name] === value ? f : { ...f, [name]: value }))
  }

  function reset() {
    setTyped('')
    setFilters(noFilters)
  }

  function closeDetail() {
    const id = open
    setOpen(undefined)
    // back to the row the panel was opened from
    setTimeout(() => list.current?.querySelector<HTMLElement>(`[data-id="${id}"]`)?.focus())
  }

  const select = (
    name: keyof Filters,
    label: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <p class="field">
      <label for={`lf-${name}`}>{label}</label>
      <select
        id={`lf-${name}`}
        value={filters[name]}
        onChange={(e) => set(name, e.currentTarget.value)}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </p>
  )
  const date = (name: 'from' | 'to', label: string) => (
    <p class="field">
      <label for={`lf-${name}`}>{label}</label>
      <input
        id={`lf-${name}`}
        type="date"
        value={filters[name]}
        onChange={(e) => set(name, e.currentTarget.value)}
      />
    </p>
  )
  const filtered = Object.values(filters).some(Boolean) || typed !== ''
  const manager = scope === 'agency'

  return (
    <>
      <div class="list-filters" role="search" aria-label="Filter interviews">
        <p class="field q">
          <label for="lf-q">Search</label>
          <input
            id="lf-q"
            type="search"
            placeholder="Candidate or client"
            value={typed}
            maxLength={100}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </p>
        {manager &&
          select('recruiterId', 'Recruiter', [
            ['', 'All recruiters'],
            ...[...seen.current.recruiters].sort((a, b) => a[1].localeCompare(b[1])),
          ])}
        {select('clientCompany', 'Client', [
          ['', 'All clients'],
          ...[...seen.current.clients].sort().map((c) => [c, c] as const),
        ])}
        {select('status', 'Status', statuses)}
        {date('from', 'From')}
        {date('to', 'To')}
      </div>
      {items.length > 0 && (
        <ul class="interviews" ref={list} aria-busy={loading}>
          {items.map((i) => (
            <li key={i.id} class={manager ? 'row team' : 'row'}>
              <div>
                <p>
                  <strong>{i.candidate?.name ?? 'Erased candidate'}</strong> · {i.roleTitle} at{' '}
                  {i.clientCompany}
                </p>
                <p class="muted">
                  {isUpcoming(i) && <span class="list-up">Upcoming</span>}
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
              </div>
              {manager && (
                <p class="list-who">
                  <span class="muted">Recruiter</span> {i.recruiter?.name ?? 'None'}
                </p>
              )}
              <button
                type="button"
                class="secondary"
                data-id={i.id}
                aria-haspopup="dialog"
                onClick={() => setOpen(i.id)}
              >
                Details<span class="sr"> of {i.candidate?.name ?? 'the interview'}</span>
              </button>
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
          {filtered ? (
            <>
              No interviews match these filters.{' '}
              <button type="button" class="link" onClick={reset}>
                Reset filters
              </button>
            </>
          ) : (
            'No interviews yet. Log one to start.'
          )}
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
      {open && (
        <LazyDetail
          api={api}
          id={open}
          onChange={(changed) => {
            setItems((old) => old.map((i) => (i.id === changed.id ? changed : i)))
            props.onChange()
          }}
          onClose={closeDetail}
        />
      )}
    </>
  )
}
