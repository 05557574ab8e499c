import { interviewLimits } from '../../worker/schemas/interview-limits'
import { localInputValue } from './format'
import { words } from './strings'

export interface Person {
  name: string
  title: string
  email: string
}

/** The log form's values, each under the API's path for it. */
export interface Values {
  'candidate.name': string
  'candidate.email': string
  /** '' until chosen: the agency's default (the drafts' language is the agency's default too) */
  'candidate.language': string
  roleTitle: string
  clientCompany: string
  startsAt: string
  durationMinutes: string
  format: string
  talkingPoints: string
  interviewers: Person[]
}

export type TextPath = Exclude<keyof Values, 'interviewers'>

const { minMinutes, maxMinutes, latestPastDays, furthestAheadDays, noteWindowHours } =
  interviewLimits
const minuteMs = 60_000
const dayMs = 24 * 60 * minuteMs
const usualMinutes = 45

export const blankPerson = (): Person => ({ name: '', title: '', email: '' })

/** When an interview that ends now and lasts `minutes` started. */
export const startFor = (minutes: string) =>
  localInputValue(new Date(Date.now() - Number(minutes) * minuteMs))

// the form is filled in as the interview ends, which is when it is most often logged
export const blankValues = (): Values => ({
  'candidate.name': '',
  'candidate.email': '',
  'candidate.language': '',
  roleTitle: '',
  clientCompany: '',
  startsAt: startFor(String(usualMinutes)),
  durationMinutes: String(usualMinutes),
  format: 'video',
  talkingPoints: '',
  interviewers: [blankPerson()],
})

const optional = (value: string) => value.trim() || undefined
const timeOf = (local: string) => new Date(local).getTime()

export function bodyOf(v: Values) {
  const startsAt = timeOf(v.startsAt)
  return {
    candidate: {
      name: v['candidate.name'],
      email: v['candidate.email'],
      language: optional(v['candidate.language']),
    },
    roleTitle: v.roleTitle,
    clientCompany: v.clientCompany,
    startsAt: isNaN(startsAt) ? undefined : new Date(startsAt).toISOString(),
    durationMinutes: v.durationMinutes ? Number(v.durationMinutes) : undefined,
    format: v.format,
    interviewers: v.interviewers.map((p) => ({
      name: p.name,
      title: optional(p.title),
      email: optional(p.email),
    })),
    talkingPoints: optional(v.talkingPoints),
  }
}

const looksLikeEmail = /^\S+@\S+\.\S+$/

/**
 * The key in `formText` for what is wrong with the value at `path`, checked as the API will, or
 * undefined if it looks right. The API has the last word; its answer lands on the same keys.
 */
export function problemAt(path: string, v: Values, now = Date.now()): string | undefined {
  const row = /^interviewers\.(\d+)\.(\w+)$/.exec(path)
  const key = row ? `interviewers.*.${row[2]}` : path
  const value = String(
    (row ? v.interviewers[Number(row[1])]?.[row[2] as keyof Person] : v[path as TextPath]) ?? '',
  ).trim()
  const minutes = Number(value)
  const start = timeOf(value)
  if (
    (/(name|roleTitle|clientCompany)$/.test(path) && !value) ||
    (/email$/.test(path) && (value || !row) && !looksLikeEmail.test(value)) ||
    (path === 'durationMinutes' &&
      !(value && minutes % 1 === 0 && minutes >= minMinutes && minutes <= maxMinutes)) ||
    (path === 'startsAt' && isNaN(start))
  )
    return key
  if (path === 'startsAt') {
    if (start < now - latestPastDays * dayMs) return 'startsAt.old'
    if (start > now + furthestAheadDays * dayMs) return 'startsAt.ahead'
  }
  return undefined
}

/** What the user reads for `path`: the local check's reason, else the field's own advice. */
export const messageFor = (path: string, v: Values) =>
  words().form.problems[problemAt(path, v) ?? path.replace(/\.\d+\./, '.*.')] ??
  words().form.problems.other!

/** Every problem found before sending, as path → message. */
export function problemsIn(v: Values): Record<string, string> {
  const paths = ['candidate.name', 'candidate.email', 'roleTitle', 'clientCompany', 'startsAt']
  v.interviewers.forEach((_, i) => paths.push(`interviewers.${i}.name`, `interviewers.${i}.email`))
  const found: Record<string, string> = {}
  for (const path of [...paths, 'durationMinutes']) {
    if (problemAt(path, v)) found[path] = messageFor(path, v)
  }
  return found
}

/**
 * Whole days since the interview ended once its 24-hour note window has closed (1 or more); 0
 * while the window is open or the start is not one the form accepts.
 */
export function daysLate(v: Values, now = Date.now()): number {
  if (problemAt('startsAt', v, now)) return 0
  const sinceEnd = now - timeOf(v.startsAt) - Number(v.durationMinutes) * minuteMs
  return sinceEnd > noteWindowHours * 3_600_000 ? Math.floor(sinceEnd / dayMs) : 0
}
