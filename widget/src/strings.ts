import { interviewLimits } from '../../worker/schemas/interview-limits'
import type { dashboardEn } from './strings/dashboard'
import type { detailEn } from './strings/detail'
import type { listEn } from './strings/list'

const { minMinutes, maxMinutes, latestPastDays, furthestAheadDays } = interviewLimits

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * Every word the widget shows at start, in English: one block per area, with small functions
 * where a number or a name goes in. The words of the parts loaded later (the list, the detail
 * panel, the dashboard) come with their chunks (`strings/list.ts`, `strings/dashboard.ts`, read
 * through `partWords`), so startup carries none of them. Another language is one chunk
 * (`strings/es.ts`) with every part's words, which `loadWords` merges over English, so a key it
 * lacks stays English.
 */
export const en = {
  lang: 'en',
  loading: (what: string) => `Loading ${what}…`,
  tryAgain: 'Try again',
  head: { fallbackName: 'Followthrough', tagline: 'Thank-you note coaching' },
  tabs: { log: 'Log interview', list: 'My interviews', stats: 'Dashboard' },
  lazy: {
    list: 'The list',
    dashboard: 'The dashboard',
    failed: (what: string) =>
      `${what} could not be loaded. Check your connection and retry, or reload the page if Followthrough was just updated.`,
  },
  errors: {
    signIn: 'Could not sign you in to Followthrough. Reload the page to retry.',
    offline: 'Followthrough cannot be reached. Check your connection and retry.',
  },
  form: {
    name: 'Log an interview',
    candidateAndRole: 'Candidate and role',
    candidateName: 'Candidate name',
    candidateEmail: 'Candidate email',
    role: 'Role',
    client: 'Client',
    language: "Candidate's language",
    interview: 'Interview',
    startedAt: 'Started at',
    duration: 'Duration (minutes)',
    format: 'Format',
    formats: { video: 'Video call', phone: 'Phone', onsite: 'On site' },
    interviewers: 'Interviewers',
    interviewer: (n: number) => `Interviewer ${n}`,
    personName: 'Name',
    personTitle: 'Job title',
    personEmail: 'Email',
    remove: 'Remove',
    removeInterviewer: (n: number) => `Remove interviewer ${n}`,
    addInterviewer: 'Add interviewer',
    talkingPoints: 'Talking points for the notes',
    optional: ' (optional)',
    submit: 'Log interview and email candidate',
    submitting: 'Logging…',
    /**
     * What the form tells the user when a value needs a fix. Keys are the API's field paths (any
     * interviewer's as `interviewers.*.name`); a key with a last part after the path
     * (`startsAt.old`) is one reason of several for that field. The API's own wording never
     * reaches the user: a path without its own entry (one the form's controls cannot get wrong)
     * gets `other`.
     */
    problems: {
      'candidate.name': "Enter the candidate's name.",
      'candidate.email': 'Enter an email such as ana@example.com.',
      roleTitle: 'Enter the role.',
      clientCompany: 'Enter the client.',
      startsAt: 'Enter when it started.',
      'startsAt.old': `Over ${latestPastDays} days ago: too late for notes.`,
      'startsAt.ahead': `Over ${furthestAheadDays} days ahead.`,
      durationMinutes: `Enter ${minMinutes} to ${maxMinutes} minutes.`,
      'interviewers.*.name': 'Enter a name, or remove this interviewer.',
      'interviewers.*.email': 'Enter an email such as tom@example.com, or none.',
      summary: 'Some details need a fix before the email can go out.',
      other: 'Check this value.',
    } as Record<string, string>,
    /** the notice for an interview logged after its note window closed; `days` is at least 1 */
    late: (days: number) =>
      `Logged late: it ended ${plural(days, 'day')} ago, past the 24-hour window for notes. The email still goes; a late note beats none.`,
    done: 'Interview logged',
    theCandidate: 'The candidate',
    willGetEmail: (who: string, names: string, viaRecruiter: boolean) =>
      `${who} will get an email now with a short guide and a link to draft a thank-you note for ${names}${viaRecruiter ? ', to send to you to forward' : ''}.`,
    reminder: (who: string, when: string) =>
      ` If no note is marked sent, ${who} gets one reminder before ${when}.`,
    another: 'Log another interview',
    seeList: 'See my interviews',
  },
  /** "Priya", "Priya and Tom", "Priya, Tom and Ana" */
  and: 'and',
}

/** The parts whose words load with their own chunks, by the name a translation files them under. */
export interface LaterWords {
  list: typeof listEn
  detail: typeof detailEn
  dashboard: typeof dashboardEn
}
/** A catalog: English's shape; a translation may leave keys out (they stay English). */
export type Words = typeof en & Partial<LaterWords>
type Partly<T> = { [K in keyof T]?: T[K] extends (...a: never[]) => unknown ? T[K] : Partly<T[K]> }
export type Translation = Partly<typeof en & LaterWords>
export type Limits = typeof interviewLimits

let current: Words = en

/** The catalog in use: English unless `loadWords` found the host's language. */
export const words = () => current

/** Kept for the tests and callers that read these two directly. */
export const formText = en.form.problems
export const lateNotice = en.form.late

export function merge<T>(base: T, over: unknown): T {
  if (!over || typeof over !== 'object' || typeof base !== 'object' || !base)
    return (over ?? base) as T
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [key, value] of Object.entries(over)) {
    const was = out[key]
    out[key] =
      value && typeof value === 'object' && was && typeof was === 'object'
        ? merge(was, value)
        : value
  }
  return out as T
}

/** The languages with a catalog, each a chunk fetched only by a host that asks for it. */
const catalogs: Record<string, () => Promise<{ default: (limits: Limits) => Translation }>> = {
  es: () => import('./strings/es'),
}

/**
 * Takes the catalog for `locale`'s language (the part before '-'), over English; a language
 * without one keeps English. Resolves once the words are in place.
 */
export async function loadWords(locale: string) {
  const language = locale.split('-')[0]!.toLowerCase()
  const load = Object.hasOwn(catalogs, language) ? catalogs[language] : undefined
  if (!load) return
  const { default: translate } = await load()
  current = merge(en, { ...translate(interviewLimits), lang: language })
}
