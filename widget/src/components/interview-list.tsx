import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Interview } from '../../../worker/schemas/interview'
import { ApiFailure, type Api } from '../api'
import { formatWhen } from '../format'
import { words } from '../strings'
import { listEn } from '../strings/list'
import { partWords } from '../strings/part'
import { useLoad } from '../use-load'
import { Empty, Failed, Loading } from './states'

interface Page {
  data: Interview[]
  nextCursor: string | null
  scope: 'agency' | 'own'
}

type Tone = 'good' | 'warn' | 'bad' | 'grey'
type Words = typeof listEn

/** the email badge's tone; grey when not named */
const emailTones: Partial<Record<Interview['coaching']['email'], Tone>> = {
  delivered: 'good',
  bounced: 'bad',
  failed: 'bad',
  suppressed: 'bad',
}

/**
 * When an interview takes place and for how long, flagged while it is still to come (and not
 * canceled); the detail panel, handed it, shows it too.
 */
const held = (w: Words, i: Interview) => (
  <>
    {!i.canceledAt && Date.parse(i.startsAt) > Date.now() && (
      <span class="list-up">{w.upcoming}</span>
    )}
    {formatWhen(i.startsAt)} · {w.minutes(i.durationMinutes)}
  </>
)

/** Whether the first note beat the 24-hour deadline, missed it, or may still. */
function timing(
  w: Words,
  c: Interview['coaching'],
  people: Interview['interviewers'],
): [string, Tone] {
  const sent = people.map((p) => p.noteSentAt).filter((t): t is string => !!t)
  const first = sent.sort()[0]
  const deadline = Date.parse(c.deadline)
  if (first) return Date.parse(first) <= deadline ? [w.onTime, 'good'] : [w.late, 'warn']
  if (Date.now() > deadline) return [w.noNote, 'bad']
  return [w.due(formatWhen(c.deadline)), 'grey']
}

function badgesOf(w: Words, i: Interview): [string, Tone][] {
  const c = i.coaching
  if (c.status === 'canceled') return [[w.statuses.canceled, 'grey']]
  if (c.status === 'scheduled' && c.emailDueAt) {
    return [[w.emailDue(formatWhen(c.emailDueAt)), 'grey']]
  }
  const badges: [string, Tone][] = [[w.emails[c.email], emailTones[c.email] ?? 'grey']]
  if (c.pageOpenedAt) badges.push([w.pageOpened, 'good'])
  badges.push([w.notes(c.notesSent, c.notesTotal), c.notesSent ? 'good' : 'grey'])
  if (c.email !== 'bounced' && c.email !== 'suppressed') badges.push(timing(w, c, i.interviewers))
  if (c.reminder === 'sent' || c.reminder === 'captured') badges.push([w.reminded, 'grey'])
  if (c.unsubscribed) badges.push([w.unsubscribed, 'warn'])
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
  listWords: Words
  held: (i: Interview) => ComponentChildren
}) {
  const what = props.listWords.theDetails
  const chunk = useLoad(
    () =>
      import('./interview-detail').catch(() => {
        throw new ApiFailure(0, words().lazy.failed(what))
      }),
    [],
  )
  if (chunk.error) return <Failed error={chunk.error} retry={chunk.retry} />
  return chunk.data ? (
    <chunk.data.InterviewDetail {...props} />
  ) : (
    <Loading what={what.toLowerCase()} />
  )
}

/**
 * GET /v1/interviews in the order they take place, latest first, a page at a time: filtered by
 * recruiter (for a manager), client, status, dates and a search, each row opening its details.
 */
export function InterviewList(props: { api: Api; logged: number; onChange: () => void }) {
  const { api, logged } = props
  const w = partWords('list', listEn)
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

  const select = (name: keyof Filters, label: string, options: [string, string][]) => (
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
      <div class="list-filters" role="search" aria-label={w.filters}>
        <p class="field q">
          <label for="lf-q">{w.search}</label>
          <input
            id="lf-q"
            type="search"
            placeholder={w.searchHint}
            value={typed}
            maxLength={100}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </p>
        {manager &&
          select('recruiterId', w.recruiter, [
            ['', w.allRecruiters],
            ...[...seen.current.recruiters].sort((a, b) => a[1].localeCompare(b[1])),
          ])}
        {select('clientCompany', w.client, [
          ['', w.allClients],
          ...[...seen.current.clients].sort().map((c): [string, string] => [c, c]),
        ])}
        {select('status', w.status, Object.entries(w.statuses))}
        {date('from', w.from)}
        {date('to', w.to)}
      </div>
      {items.length > 0 && (
        <ul class="interviews" ref={list} aria-busy={loading}>
          {items.map((i) => (
            <li key={i.id} class={manager ? 'row team' : 'row'}>
              <div>
                <p>
                  <strong>{i.candidate?.name ?? w.erased}</strong> ·{' '}
                  {w.roleAt(i.roleTitle, i.clientCompany)}
                </p>
                <p class="muted">
                  {held(w, i)} · {w.interviewers(i.interviewers.length)}
                </p>
                <ul class="badges" aria-label={w.status}>
                  {badgesOf(w, i).map(([label, tone]) => (
                    <li key={label} class={tone}>
                      {label}
                    </li>
                  ))}
                </ul>
              </div>
              {manager && (
                <p class="list-who">
                  <span class="muted">{w.recruiter}</span> {i.recruiter?.name ?? w.none}
                </p>
              )}
              <button
                type="button"
                class="secondary"
                data-id={i.id}
                aria-haspopup="dialog"
                onClick={() => setOpen(i.id)}
              >
                {w.details}
                <span class="sr">{w.detailsOf(i.candidate?.name)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <Failed error={error} retry={() => load(failedAfter)} />
      ) : loading ? (
        <Loading what={w.loading} />
      ) : items.length === 0 ? (
        <Empty>
          {filtered ? (
            <>
              {w.noMatch}{' '}
              <button type="button" class="link" onClick={reset}>
                {w.reset}
              </button>
            </>
          ) : (
            w.empty
          )}
        </Empty>
      ) : (
        cursor && (
          <p class="actions">
            <button type="button" class="secondary" onClick={() => load(cursor)}>
              {w.more}
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
          listWords={w}
          held={(i) => held(w, i)}
        />
      )}
    </>
  )
}
