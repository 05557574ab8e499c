// The candidate page's script. The page works without it (forms post back); this only makes it
// nicer: a live countdown and word count, autosave (this device first, then the server), Copy,
// and marking notes sent without a reload. Bundled by worker/build.ts; no inline script is
// allowed by the page's CSP.
import {
  blanksIn,
  blanksLeftQuestion,
  blanksText,
  mailtoHref,
  progressText,
  sentText,
  timeLeftText,
  toggleClass,
  toggleLabel,
  wordCount,
  wordsText,
  type LiveWords,
} from './candidate-note-text'
import { formatDeadline } from '../email/format'

interface NoteState {
  interviewers: { id: string; noteSentAt: string | null }[]
  notesSent: number
  notesTotal: number
}

const base = location.pathname.replace(/\/+$/, '')
/** the page's words, in its language, as the server wrote them */
const w = JSON.parse(
  document.querySelector<HTMLElement>('[data-words]')!.dataset.words!,
) as LiveWords
const saveDelayMs = 800

function call(method: string, path: string, body: unknown): Promise<Response> {
  // keepalive lets an event or a last save finish while the page is being left for the mail app
  return fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    keepalive: true,
  })
}

function record(type: 'copied' | 'mail_opened', interviewerId: string) {
  call('POST', '/events', { type, interviewerId }).catch(() => {})
}

// Storage can be full or switched off (private modes); the server copy still works then.
const local = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key)
    } catch {
      return null
    }
  },
  set(key: string, value: string | null) {
    try {
      if (value === null) localStorage.removeItem(key)
      else localStorage.setItem(key, value)
    } catch {
      // nothing to do: the server copy is the one that matters
    }
  },
}

function parsePending(stored: string | null): { body: string; base: string } | null {
  try {
    const value = JSON.parse(stored ?? 'null')
    return typeof value?.body === 'string' && typeof value.base === 'string' ? value : null
  } catch {
    return null
  }
}

/** The deadline as the candidate's device tells the time (the server wrote the candidate's or agency's zone). */
function localDeadline() {
  const el = document.querySelector<HTMLElement>('[data-deadline-at]')
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (el && zone) el.textContent = formatDeadline(new Date(el.dataset.deadlineAt ?? ''), zone, w)
}

function startCountdown() {
  const el = document.querySelector<HTMLElement>('[data-deadline]')
  if (!el) return
  const deadline = Date.parse(el.dataset.deadline ?? '')
  const tick = () =>
    (el.textContent = timeLeftText(w, deadline - Date.now()) ?? w.live.windowClosed)
  tick()
  setInterval(tick, 30_000)
}

function showState(state: NoteState) {
  const progress = document.querySelector('[data-progress]')
  if (progress) progress.textContent = progressText(w, state.notesSent, state.notesTotal)
  for (const person of state.interviewers) {
    const card = document.getElementById(`note-${person.id}`)
    if (!card) continue
    const sent = person.noteSentAt !== null
    card.classList.toggle('marked', sent)
    card.querySelector('[data-state]')!.textContent = sentText(w, sent)
    const toggle = card.querySelector<HTMLButtonElement>('[data-toggle]')!
    if (toggle.value === (sent ? 'unsent' : 'sent')) continue
    toggle.value = sent ? 'unsent' : 'sent'
    toggle.textContent = toggleLabel(w, sent)
    toggle.className = toggleClass(sent)
    // what was said of the draft ("Copied", "Saved") no longer applies once it is marked or undone
    card.querySelector('[data-saved]')!.textContent = ''
  }
}

function setUpNote(card: HTMLElement) {
  const id = card.dataset.note!
  const form = card.querySelector('form')!
  const draft = card.querySelector<HTMLTextAreaElement>('[data-draft]')!
  const saved = card.querySelector('[data-saved]')!
  const mail = card.querySelector<HTMLAnchorElement>('[data-mail]')!
  const copy = card.querySelector<HTMLButtonElement>('[data-copy]')!
  // the draft saves itself as it is typed: the button is for pages without the script
  card.querySelector<HTMLButtonElement>('[data-save]')!.hidden = true
  const blanksLine = card.querySelector('[data-blanks]')!
  /** the draft with blanks the candidate was asked about: a second press marks it */
  let askedAbout: string | null = null
  const key = `followthrough:draft:${id}`
  let lastSaved = draft.value
  let timer: ReturnType<typeof setTimeout> | undefined

  function refresh() {
    const text = draft.value
    card.querySelector('[data-count]')!.textContent = wordsText(w, wordCount(text))
    blanksLine.textContent = blanksText(w, blanksIn(text))
    blanksLine.classList.toggle('warn', false)
    const { to = '', subject = '', intro = '' } = card.dataset
    mail.href = mailtoHref(to, subject, intro + text)
  }

  // The text waits on this device until the server has it, so a lost connection loses nothing.
  async function save(): Promise<void> {
    clearTimeout(timer)
    const body = draft.value
    if (body === lastSaved) return
    saved.textContent = w.live.saving
    try {
      const res = await call('PUT', `/drafts/${id}`, { body })
      if (!res.ok) throw new Error(String(res.status))
      lastSaved = body
      if (draft.value === body) local.set(key, null)
      saved.textContent = w.live.saved
    } catch {
      saved.textContent = w.live.notSaved
      throw new Error('not saved')
    }
  }
  const saveQuietly = () => save().catch(() => {})

  draft.addEventListener('input', () => {
    local.set(key, JSON.stringify({ body: draft.value, base: lastSaved }))
    refresh()
    clearTimeout(timer)
    timer = setTimeout(saveQuietly, saveDelayMs)
  })
  addEventListener('pagehide', saveQuietly)
  addEventListener('online', saveQuietly)

  form.addEventListener('submit', async (event) => {
    const button = event.submitter as HTMLButtonElement | null
    const action = button?.value
    if (!action) return
    event.preventDefault()
    const blanks = blanksIn(draft.value)
    if (action === 'sent' && blanks > 0 && askedAbout !== draft.value) {
      askedAbout = draft.value
      blanksLine.textContent = blanksLeftQuestion(w, blanks)
      blanksLine.classList.add('warn')
      return
    }
    try {
      await save()
      if (action === 'save') {
        saved.textContent = w.live.saved
        return
      }
      const res = await call('POST', '/events', { type: action, interviewerId: id })
      if (!res.ok) throw new Error(String(res.status))
      showState((await res.json()) as NoteState)
    } catch {
      // an unsaved draft is already kept on this device and says so; a mark that failed goes the
      // way it would without JavaScript, and the server answers for itself
      if (action === 'save') return
      const field = Object.assign(document.createElement('input'), {
        type: 'hidden',
        name: 'action',
        value: action,
      })
      form.appendChild(field)
      HTMLFormElement.prototype.submit.call(form)
    }
  })

  copy.hidden = false
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(draft.value)
    } catch {
      draft.select()
      document.execCommand('copy')
    }
    saved.textContent = w.live.copied
    record('copied', id)
  })
  mail.addEventListener('click', () => {
    saveQuietly()
    record('mail_opened', id)
  })

  // An edit that never reached the server (offline, closed tab) comes back and is saved now,
  // unless the server's copy has changed since (saved from another device), which then wins.
  const pending = parsePending(local.get(key))
  if (pending && pending.base === draft.value && pending.body !== draft.value) {
    draft.value = pending.body
    saveQuietly()
  } else {
    local.set(key, null)
  }
  refresh()
}

localDeadline()
startCountdown()
document.querySelectorAll<HTMLElement>('[data-note]').forEach(setUpNote)
