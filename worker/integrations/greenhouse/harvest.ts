import { z } from 'zod'
import { ProviderRefused, ProviderUnavailable, type ProviderContext } from '../adapter'

// Every call this integration makes to Greenhouse's Harvest API (v1), in one place: Basic auth
// with the API key as the user name and an empty password; writes name the acting user in
// On-Behalf-Of. Greenhouse retires v1/v2 on 2026-08-31 for v3 (OAuth client credentials, a Bearer
// JWT, cursor paging, other routes); a v3 client replaces this module behind the same functions.

const stamp = z.string()

const user = z.looseObject({ id: z.number(), name: z.string().nullish() })

const moment = z.looseObject({ date_time: stamp.optional(), date: z.string().optional() })

export const scheduledInterview = z.looseObject({
  id: z.number(),
  application_id: z.number(),
  start: moment.nullish(),
  end: moment.nullish(),
  location: z.string().nullish(),
  video_conferencing_url: z.string().nullish(),
  status: z.string().nullish(),
  created_at: stamp.nullish(),
  updated_at: stamp.nullish(),
  interview: z.looseObject({ name: z.string().nullish() }).nullish(),
  organizer: user.nullish(),
  interviewers: z
    .array(z.looseObject({ name: z.string().nullish(), email: z.string().nullish() }))
    .nullish(),
})
export type ScheduledInterview = z.infer<typeof scheduledInterview>

const named = z.looseObject({ id: z.number(), name: z.string().nullish() })
const customFields = z.record(z.string(), z.unknown()).nullish()

const application = z.looseObject({
  id: z.number(),
  candidate_id: z.number(),
  jobs: z.array(named).nullish(),
  /** `{key: {name, type, value}}`, as the web hooks' `custom_fields` are */
  keyed_custom_fields: customFields,
})
export type HarvestApplication = z.infer<typeof application>

const candidate = z.looseObject({
  id: z.number(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email_addresses: z
    .array(z.looseObject({ value: z.string(), type: z.string().nullish() }))
    .nullish(),
})

const job = named.extend({
  departments: z.array(named).nullish(),
  keyed_custom_fields: customFields,
})

const note = z.looseObject({ id: z.number(), body: z.string().nullish() })
const activityFeed = z.looseObject({ notes: z.array(note).nullish() })

interface Answer<T> {
  /** null for a 404: the record is gone, or never was */
  data: T | null
  /** the next page's URL, from the Link header */
  next: string | null
}

async function call<T>(
  context: ProviderContext,
  path: string,
  schema: z.ZodType<T>,
  init: { method?: string; body?: unknown; onBehalfOf?: string } = {},
): Promise<Answer<T>> {
  const url = path.startsWith('http') ? path : `${context.apiUrl}${path}`
  const headers: Record<string, string> = {
    authorization: `Basic ${btoa(`${context.credentials.harvestApiKey ?? ''}:`)}`,
  }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.onBehalfOf !== undefined) headers['on-behalf-of'] = init.onBehalfOf
  const method = init.method ?? 'GET'
  const request = {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  }
  // a GET changes nothing, so one that meets a 5xx or no answer is tried again at once; a write
  // is not (the next attempt looks for it first)
  const tries = method === 'GET' ? 2 : 1
  let response: Response | undefined
  for (let attempt = 1; !response; attempt++) {
    try {
      const answer = await fetch(url, { ...request, signal: AbortSignal.timeout(15_000) })
      if (answer.status < 500 || attempt === tries) response = answer
      else await answer.body?.cancel()
    } catch (err) {
      if (attempt === tries) {
        throw new ProviderUnavailable(`no answer from Harvest: ${(err as Error).message}`)
      }
    }
  }
  const text = await response.text()
  if (response.status === 429 || response.status >= 500) {
    const wait = Number(response.headers.get('retry-after'))
    throw new ProviderUnavailable(
      `Harvest answered ${response.status}`,
      Number.isFinite(wait) && wait > 0 ? Math.min(Math.ceil(wait), 3600) : 60,
    )
  }
  if (response.status === 404) return { data: null, next: null }
  if (!response.ok) {
    const message = messageOf(text)
    throw new ProviderRefused(
      response.status === 401 || response.status === 403
        ? `Greenhouse refused the Harvest API key or On-Behalf-Of user (${response.status}: ${message}).`
        : `Greenhouse refused ${method} ${path} (${response.status}: ${message}).`,
    )
  }
  const parsed = schema.safeParse(text === '' ? null : safeJson(text))
  if (!parsed.success) {
    throw new ProviderRefused(
      `Greenhouse answered ${path} in a shape this integration cannot read.`,
    )
  }
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')
  return { data: parsed.data, next: next ? next[1]! : null }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function messageOf(text: string): string {
  const body = safeJson(text) as { message?: unknown } | undefined
  return typeof body?.message === 'string' ? body.message.slice(0, 200) : 'no message'
}

/** GET /scheduled_interviews/{id}; null once it is canceled or deleted. */
export const getScheduledInterview = async (context: ProviderContext, id: number) =>
  (await call(context, `/scheduled_interviews/${id}`, scheduledInterview)).data

/** Every scheduled interview of an application (its pages followed); null: no such application. */
export async function listApplicationInterviews(
  context: ProviderContext,
  applicationId: number,
): Promise<ScheduledInterview[] | null> {
  const all: ScheduledInterview[] = []
  let next: string | null = `/applications/${applicationId}/scheduled_interviews?per_page=500`
  for (let page = 0; next !== null && page < 20; page++) {
    const answer: Answer<ScheduledInterview[]> = await call(
      context,
      next,
      z.array(scheduledInterview),
    )
    if (answer.data === null) return null
    all.push(...answer.data)
    // the Link header is followed only on the same API: the key is never sent elsewhere
    next = answer.next?.startsWith(`${context.apiUrl}/`) ? answer.next : null
  }
  return all
}

/**
 * One page of GET /scheduled_interviews: those changed after `updatedAfter` (ISO-8601), or the
 * page `next` names (the Link header of the one before, followed on the same API only).
 */
export async function listChangedInterviews(
  context: ProviderContext,
  page: { updatedAfter: string; perPage: number } | { next: string },
): Promise<{ interviews: ScheduledInterview[]; next: string | null }> {
  const path =
    'next' in page
      ? page.next
      : `/scheduled_interviews?updated_after=${encodeURIComponent(page.updatedAfter)}&per_page=${page.perPage}`
  if (path.startsWith('http') && !path.startsWith(`${context.apiUrl}/`)) {
    throw new ProviderRefused(`Harvest named a next page on another host (${path}).`)
  }
  const answer = await call(context, path, z.array(scheduledInterview))
  const next = answer.next?.startsWith(`${context.apiUrl}/`) ? answer.next : null
  return { interviews: answer.data ?? [], next }
}

/** GET /candidates/{id}; null when it is gone. */
export const getCandidate = async (context: ProviderContext, id: number) =>
  (await call(context, `/candidates/${id}`, candidate)).data

/** GET /jobs/{id}: its departments and custom fields; null when it is gone. */
export const getJob = async (context: ProviderContext, id: number) =>
  (await call(context, `/jobs/${id}`, job)).data

/** GET /applications/{id}: whose application it is; null when it is gone. */
export const getApplication = async (context: ProviderContext, id: number) =>
  (await call(context, `/applications/${id}`, application)).data

/** The notes on a candidate's activity feed, newest first. */
export async function listCandidateNotes(context: ProviderContext, candidateId: number) {
  const feed = await call(context, `/candidates/${candidateId}/activity_feed`, activityFeed)
  return feed.data?.notes ?? []
}

/** POST /candidates/{id}/activity_feed/notes as `userId` (Harvest requires On-Behalf-Of). */
export async function createCandidateNote(
  context: ProviderContext,
  candidateId: number,
  userId: string,
  body: string,
): Promise<{ id: number }> {
  const answer = await call(context, `/candidates/${candidateId}/activity_feed/notes`, note, {
    method: 'POST',
    body: { user_id: Number(userId), body, visibility: 'public' },
    onBehalfOf: userId,
  })
  if (answer.data === null) throw new ProviderRefused(`Greenhouse has no candidate ${candidateId}.`)
  return answer.data
}
