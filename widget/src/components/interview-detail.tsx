import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Interview, InterviewOutcome } from '../../../worker/schemas/interview'
import type { Api, ApiFailure } from '../api'
import { formatWhen, localInputValue } from '../format'
import { detailEn } from '../strings/detail'
import type { listEn } from '../strings/list'
import { partWords } from '../strings/part'
import { useLoad } from '../use-load'
import css from './interview-detail.css'
import { messageFacts, timelineOf } from './interview-facts'
import { Failed, Loading } from './states'

const sheet = new CSSStyleSheet()
sheet.replaceSync(css)

interface Props {
  api: Api
  id: string
  onChange: (i: Interview) => void
  onClose: () => void
  /** the list's words, for what the panel shows as the list does */
  listWords: typeof listEn
  /** when it takes place, as the list shows it */
  held: (i: Interview) => ComponentChildren
}

/**
 * One interview in a modal panel: who was thanked, the messages and their delivery, a timeline,
 * and what can still be done. The browser's modal dialog keeps focus inside and closes on Escape.
 */
export function InterviewDetail({ api, id, onChange, onClose, listWords: l, held }: Props) {
  const w = partWords('detail', detailEn)
  const dialog = useRef<HTMLDialogElement>(null)
  const loaded = useLoad(() => api.get<Interview>(`/v1/interviews/${id}`), [id])
  const [changed, setChanged] = useState<Interview>()
  const i = changed ?? loaded.data

  useEffect(() => {
    const root = dialog.current!.getRootNode() as ShadowRoot
    if (!root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    }
    dialog.current!.showModal()
  }, [])

  function update(next: Interview) {
    setChanged(next)
    onChange(next)
  }

  const now = Date.now()
  return (
    <dialog
      ref={dialog}
      class="interview-detail"
      aria-labelledby="detail-title"
      onClose={onClose}
      // a click on the backdrop lands on the dialog itself, left of it: it closes, as a drawer does
      onClick={(e) => {
        const panel = e.currentTarget
        if (e.target === panel && e.clientX < panel.getBoundingClientRect().left) panel.close()
      }}
    >
      <header>
        <h2 id="detail-title">{i ? (i.candidate?.name ?? l.erased) : w.interview}</h2>
        <button type="button" class="secondary" onClick={() => dialog.current!.close()}>
          {w.close}
        </button>
      </header>
      {loaded.error ? (
        <Failed error={loaded.error} retry={loaded.retry} />
      ) : !i ? (
        <Loading what={w.loading} />
      ) : (
        <>
          <p>
            {l.roleAt(i.roleTitle, i.clientCompany)}
            <br />
            <span class="muted">
              {held(i)}
              {i.recruiter && ` · ${i.recruiter.name}`}
            </span>
          </p>
          {i.outcome && <p class="outcome">{w.outcomeIs(w.outcomes[i.outcome.stage])}</p>}
          <h3>{w.notes}</h3>
          <ul class="facts">
            {i.interviewers.map((p) => (
              <li key={p.id} class={p.noteSentAt ? 'good' : ''}>
                <strong>{p.name}</strong>
                {p.title && `, ${p.title}`}:{' '}
                {p.noteSentAt ? w.noteSent(formatWhen(p.noteSentAt)) : w.noNote}
              </li>
            ))}
          </ul>
          <h3>{w.messages}</h3>
          <ul class="facts">
            {messageFacts(w, i).map((fact) => (
              <li key={fact}>{fact}</li>
            ))}
          </ul>
          <h3>{w.timeline}</h3>
          <ol class="timeline">
            {timelineOf(w, i).map((e) => (
              <li key={e.at + e.text} class={Date.parse(e.at) > now ? 'later' : ''}>
                <time dateTime={e.at}>{formatWhen(e.at)}</time> {e.text}
                {Date.parse(e.at) > now && w.toCome}
              </li>
            ))}
          </ol>
          <Actions api={api} interview={i} onDone={update} w={w} />
        </>
      )}
    </dialog>
  )
}

type ActionId = keyof typeof detailEn.do

/** The changes an interview still allows, each asked for, confirmed, then reported. */
function Actions({
  api,
  interview: i,
  onDone,
  w,
}: {
  api: Api
  interview: Interview
  onDone: (i: Interview) => void
  w: typeof detailEn
}) {
  const [asking, setAsking] = useState<ActionId>()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string }>()
  const [start, setStart] = useState(() => localInputValue(new Date(i.startsAt)))
  const [stage, setStage] = useState<InterviewOutcome>('advanced')
  const box = useRef<HTMLDivElement>(null)
  // once the next render is on screen (useFocusLater would put a chunk of its own in startup)
  const focusLater = (selector: string) =>
    setTimeout(() => box.current?.querySelector<HTMLElement>(selector)?.focus())

  const live = !i.canceledAt && !!i.candidate
  const emailGone = i.coaching.status !== 'scheduled'
  const offered: ActionId[] = live
    ? [emailGone ? 'resend' : 'reschedule', 'outcome', 'cancel']
    : !i.canceledAt
      ? ['outcome']
      : []
  if (!offered.length && !result) return null

  function ask(action?: ActionId) {
    setAsking(action)
    setResult(undefined)
    focusLater(action ? '.confirm :is(input, select, button)' : `[data-action=${asking}]`)
  }

  async function confirm() {
    const path = `/v1/interviews/${i.id}`
    const calls: Record<ActionId, () => Promise<[Interview, string]>> = {
      resend: async () => [await api.post(`${path}/resend`, {}), w.done.resend],
      reschedule: async () => {
        const startsAt = new Date(start).toISOString()
        return [await api.patch(path, { startsAt }), w.done.reschedule(formatWhen(startsAt))]
      },
      outcome: async () => [
        await api.post(`${path}/outcome`, { stage }),
        w.done.outcome(w.outcomes[stage]),
      ],
      cancel: async () => [await api.post(`${path}/cancel`, {}), w.done.cancel],
    }
    setBusy(true)
    try {
      const [changed, text] = await calls[asking!]()
      onDone(changed)
      setResult({ ok: true, text })
    } catch (err) {
      const { message, details } = err as ApiFailure
      setResult({ ok: false, text: [message, ...details.map((d) => d.message)].join(' ') })
    } finally {
      setBusy(false)
      setAsking(undefined)
      focusLater('.result')
    }
  }

  const { ask: asks } = w
  const question: Record<ActionId, string> = {
    ...asks,
    resend: asks.resend(i.candidate?.email ?? ''),
  }

  return (
    <div ref={box}>
      <h3>{w.actions}</h3>
      {result && (
        <p class={`result ${result.ok ? 'ok' : 'alert'}`} role="status" tabIndex={-1}>
          {result.text}
        </p>
      )}
      {asking ? (
        <div class="confirm" role="group" aria-labelledby="confirm-q">
          <p id="confirm-q">{question[asking]}</p>
          {asking === 'reschedule' && (
            <p class="field">
              <label for="d-start">{w.newStart}</label>
              <input
                id="d-start"
                type="datetime-local"
                required
                value={start}
                onInput={(e) => setStart(e.currentTarget.value)}
              />
            </p>
          )}
          {asking === 'outcome' && (
            <p class="field">
              <label for="d-stage">{w.outcome}</label>
              <select
                id="d-stage"
                value={stage}
                onChange={(e) => setStage(e.currentTarget.value as InterviewOutcome)}
              >
                {Object.entries(w.outcomes).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </p>
          )}
          <p class="actions">
            <button
              type="button"
              class={asking === 'cancel' ? 'danger' : ''}
              disabled={busy || (asking === 'reschedule' && !start)}
              onClick={confirm}
            >
              {busy ? w.working : w.yes(w.do[asking])}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => ask()}>
              {w.back}
            </button>
          </p>
        </div>
      ) : (
        <p class="actions">
          {offered.map((action) => (
            <button
              key={action}
              type="button"
              class="secondary"
              data-action={action}
              onClick={() => ask(action)}
            >
              {w.do[action]}
            </button>
          ))}
        </p>
      )}
    </div>
  )
}
