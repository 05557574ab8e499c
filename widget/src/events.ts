import type { Interview } from '../../worker/schemas/interview'

/**
 * What the widget tells the host page. Each event is a `followthrough:<name>` CustomEvent on
 * `document` (its `detail` the payload) and goes to every handler of `followthrough.push(['on',
 * name, handler])`.
 */
export interface WidgetEvents {
  /** the widget started with its session */
  ready: Record<string, never>
  /** an interview was logged from the form */
  'interview-logged': {
    interviewId: string
    startsAt: string
    clientCompany: string
    roleTitle: string
  }
  /** an interview was changed from the widget */
  'interview-updated': {
    interviewId: string
    action: 'resend' | 'cancel' | 'outcome' | 'reschedule'
  }
  /** the widget saw more notes marked sent on an interview than when it last looked */
  'notes-sent': { interviewId: string; notesSent: number; notesTotal: number }
}

export type EventName = keyof WidgetEvents
export type Handler<N extends EventName = EventName> = (detail: WidgetEvents[N]) => void

/** a handler of any event, as the host registered it */
type AnyHandler = (detail: never) => void
const handlers = new Map<string, Set<AnyHandler>>()

let started = false

export function on(name: string, handler: AnyHandler) {
  if (!handlers.has(name)) handlers.set(name, new Set())
  handlers.get(name)!.add(handler)
  // `ready` is a state as much as an event: a handler that comes after it hears it at once
  if (name === 'ready' && started) (handler as Handler<'ready'>)({})
}

export function emit<N extends EventName>(name: N, detail: WidgetEvents[N]) {
  if (name === 'ready') started = true
  document.dispatchEvent(new CustomEvent(`followthrough:${name}`, { detail }))
  for (const handler of handlers.get(name) ?? []) {
    try {
      ;(handler as Handler<N>)(detail)
    } catch (err) {
      // a host's handler that throws must not break the widget
      console.error('Followthrough: an event handler failed', err)
    }
  }
}

// notes marked sent per interview as last seen, to tell when more are
const notesSeen = new Map<string, number>()
const actions = { resend: 'resend', cancel: 'cancel', outcome: 'outcome' } as const

function sawInterview(interview: Interview) {
  const sent = interview.coaching.notesSent
  const before = notesSeen.get(interview.id)
  notesSeen.set(interview.id, sent)
  if (before !== undefined && sent > before) {
    emit('notes-sent', {
      interviewId: interview.id,
      notesSent: sent,
      notesTotal: interview.coaching.notesTotal,
    })
  }
}

const isInterview = (value: unknown): value is Interview =>
  typeof value === 'object' &&
  value !== null &&
  'coaching' in value &&
  typeof (value as Interview).coaching?.notesSent === 'number'

/**
 * Turns what the API answered into the host's events: a logged interview, a change made here,
 * and notes sent since an interview was last seen (in the list, a detail, or any answer).
 */
export function observeAnswer(method: string, path: string, body: unknown) {
  const list = (body as { data?: unknown } | null)?.data
  const interviews = [body, ...(Array.isArray(list) ? list : [])].filter(isInterview)
  if (method === 'POST' && path === '/v1/interviews' && isInterview(body)) {
    notesSeen.set(body.id, body.coaching.notesSent)
    emit('interview-logged', {
      interviewId: body.id,
      startsAt: body.startsAt,
      clientCompany: body.clientCompany,
      roleTitle: body.roleTitle,
    })
    return
  }
  const changed = /^\/v1\/interviews\/([^/]+)(?:\/(resend|cancel|outcome))?$/.exec(path)
  if (changed && method !== 'GET') {
    const action = changed[2] ? actions[changed[2] as keyof typeof actions] : 'reschedule'
    emit('interview-updated', { interviewId: changed[1]!, action })
  }
  interviews.forEach(sawInterview)
}
