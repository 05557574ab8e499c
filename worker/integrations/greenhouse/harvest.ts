import { z } from 'zod'
import { ProviderRefused, ProviderUnavailable, type ProviderContext } from '../adapter'
import { harvestToken } from './token'

// Every call this integration makes to Greenhouse's Harvest API (v3), in one place. v3 lists only:
// a record is read by `?ids=`, its children by their parent's plural filter (`application_ids=`),
// each list newest id first, a page at a time with a `Link: <…?cursor=…>; rel="next"` whose cursor
// must be sent alone. Calls carry a Bearer token from the client-credentials grant (token.ts).

const stamp = z.string()
const id = z.number().int()

export const harvestInterview = z.looseObject({
  id,
  application_id: id,
  starts_at: stamp.nullish(),
  ends_at: stamp.nullish(),
  all_day_start_on: z.string().nullish(),
  all_day_end_on: z.string().nullish(),
  location: z.string().nullish(),
  video_conferencing_url: z.string().nullish(),
  status: z.string().nullish(),
  organizer_id: id.nullish(),
  created_at: stamp.nullish(),
  updated_at: stamp.nullish(),
})
export type HarvestInterview = z.infer<typeof harvestInterview>

const interviewer = z.looseObject({
  id,
  interview_id: id,
  user_id: id.nullish(),
  email: z.string(),
})
const user = z.looseObject({ id, name: z.string().nullish() })
const customFields = z.record(z.string(), z.unknown()).nullish()

const application = z.looseObject({
  id,
  candidate_id: id,
  job_id: id.nullish(),
  custom_fields: customFields,
})
export type HarvestApplication = z.infer<typeof application>

const candidate = z.looseObject({
  id,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email_addresses: z
    .array(z.looseObject({ value: z.string(), type: z.string().nullish() }))
    .nullish(),
})

const job = z.looseObject({
  id,
  name: z.string().nullish(),
  department_id: id.nullish(),
  custom_fields: customFields,
})
const department = z.looseObject({ id, name: z.string().nullish() })
const note = z.looseObject({ id, body: z.string().nullish() })

interface Page<T> {
  records: T[]
  /** the next page's URL (on the same API), from the Link header */
  next: string | null
}

async function call(
  context: ProviderContext,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  const url = path.startsWith('http') ? path : `${context.apiUrl}${path}`
  const method = init.method ?? 'GET'
  // a GET changes nothing, so one that meets a 5xx or no answer is tried again at once, and one
  // whose token Greenhouse no longer takes is tried with a new one; a write is tried once (the
  // next attempt looks for it first)
  const tries = method === 'GET' ? 2 : 1
  let stale: string | undefined
  for (let attempt = 1; ; attempt++) {
    const token = await harvestToken(context, stale)
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    let answer: Response
    try {
      answer = await fetch(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(15_000),
      })
    } catch (err) {
      if (attempt < tries) continue
      throw new ProviderUnavailable(`no answer from Harvest: ${(err as Error).message}`)
    }
    const retry = attempt < tries && (answer.status >= 500 || (answer.status === 401 && !stale))
    if (!retry) return answer
    if (answer.status === 401) stale = token
    await answer.body?.cancel()
  }
}

/** The records of one answer, or the error it stands for. */
async function read<T>(
  context: ProviderContext,
  path: string,
  schema: z.ZodType<T>,
  init?: { method?: string; body?: unknown },
): Promise<{ data: T; link: string | null }> {
  const response = await call(context, path, init)
  const text = await response.text()
  if (response.status === 429 || response.status >= 500) {
    const wait = Number(response.headers.get('retry-after'))
    throw new ProviderUnavailable(
      `Harvest answered ${response.status}`,
      Number.isFinite(wait) && wait > 0 ? Math.min(Math.ceil(wait), 3600) : 60,
    )
  }
  if (!response.ok) {
    const message = messageOf(text)
    throw new ProviderRefused(
      response.status === 401 || response.status === 403
        ? `Greenhouse refused the Harvest credentials or their user (${response.status}: ${message}). The credentials need the scopes in README and a site admin as their user.`
        : `Greenhouse refused ${init?.method ?? 'GET'} ${path.split('?')[0]} (${response.status}: ${message}).`,
    )
  }
  const parsed = schema.safeParse(text === '' ? null : safeJson(text))
  if (!parsed.success) {
    throw new ProviderRefused(
      `Greenhouse answered ${path.split('?')[0]} in a shape this integration cannot read.`,
    )
  }
  return { data: parsed.data, link: response.headers.get('link') }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function messageOf(text: string): string {
  const body = safeJson(text) as { message?: unknown; errors?: unknown; error?: unknown } | null
  const first = Array.isArray(body?.errors) ? (body.errors[0] as unknown) : undefined
  const detail =
    typeof first === 'string'
      ? first
      : typeof first === 'object' && first !== null
        ? [(first as { field?: unknown }).field, (first as { message?: unknown }).message]
            .filter((part) => typeof part === 'string')
            .join(': ')
        : ''
  const said = [body?.message ?? body?.error, detail].filter((p) => typeof p === 'string' && p)
  return said.length > 0 ? said.join(', ').slice(0, 200) : 'no message'
}

/** One page of a list; `path` is the first page's, or the `next` of the one before. */
async function page<T>(
  context: ProviderContext,
  path: string,
  schema: z.ZodType<T>,
): Promise<Page<T>> {
  if (path.startsWith('http') && !path.startsWith(`${context.apiUrl}/`)) {
    // the token is never sent to another host
    throw new ProviderRefused(`Harvest named a next page on another host (${path}).`)
  }
  const { data, link } = await read(context, path, z.array(schema))
  const next = /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1] ?? null
  return { records: data, next: next?.startsWith(`${context.apiUrl}/`) ? next : null }
}

/** Every record of a list, its pages followed (at most `maxPages`). */
async function all<T>(context: ProviderContext, path: string, schema: z.ZodType<T>, maxPages = 10) {
  const records: T[] = []
  let next: string | null = path
  for (let n = 0; next !== null && n < maxPages; n++) {
    const answer: Page<T> = await page(context, next, schema)
    records.push(...answer.records)
    next = answer.next
  }
  return records
}

const chunks = (ids: number[]) =>
  Array.from({ length: Math.ceil(ids.length / 50) }, (_, i) => ids.slice(i * 50, i * 50 + 50))

/** The records of these ids (v3 takes up to 50 a call); those gone are not in the answer. */
async function byIds<T>(
  context: ProviderContext,
  resource: string,
  ids: number[],
  schema: z.ZodType<T>,
) {
  const found: T[] = []
  for (const some of chunks([...new Set(ids)])) {
    found.push(...(await all(context, `/${resource}?ids=${some.join(',')}&per_page=50`, schema)))
  }
  return found
}

const one = async <T>(
  context: ProviderContext,
  resource: string,
  key: number,
  schema: z.ZodType<T>,
) => (await byIds(context, resource, [key], schema))[0] ?? null

/** One interview; null once it is deleted. */
export const getInterview = (context: ProviderContext, key: number) =>
  one(context, 'interviews', key, harvestInterview)

/** Every interview of an application. */
export const listApplicationInterviews = (context: ProviderContext, applicationId: number) =>
  all(context, `/interviews?application_ids=${applicationId}&per_page=500`, harvestInterview)

/**
 * One page of the interviews changed at or after `updatedSince` (ISO-8601), or the page `next`
 * names (the Link of the one before).
 */
export function listChangedInterviews(
  context: ProviderContext,
  from: { updatedSince: string; perPage: number } | { next: string },
): Promise<Page<HarvestInterview>> {
  const path =
    'next' in from
      ? from.next
      : `/interviews?updated_at=${encodeURIComponent(`gte|${from.updatedSince}`)}&per_page=${from.perPage}`
  return page(context, path, harvestInterview)
}

/** The panels of these interviews: each attendee's user id (null: an outside one) and address. */
export async function listInterviewers(context: ProviderContext, interviewIds: number[]) {
  const found: z.infer<typeof interviewer>[] = []
  for (const some of chunks([...new Set(interviewIds)])) {
    const path = `/interviewers?interview_ids=${some.join(',')}&per_page=500`
    found.push(...(await all(context, path, interviewer)))
  }
  return found
}

export const listUsers = (context: ProviderContext, ids: number[]) =>
  byIds(context, 'users', ids, user)

export const getApplication = (context: ProviderContext, key: number) =>
  one(context, 'applications', key, application)

export const getCandidate = (context: ProviderContext, key: number) =>
  one(context, 'candidates', key, candidate)

export const getJob = (context: ProviderContext, key: number) => one(context, 'jobs', key, job)

export const getDepartment = (context: ProviderContext, key: number) =>
  one(context, 'departments', key, department)

/** The notes on a candidate's activity feed, newest first (the first 1,000). */
export const listCandidateNotes = (context: ProviderContext, candidateId: number) =>
  all(context, `/notes?candidate_ids=${candidateId}&type=NOTE&per_page=500`, note, 2)

/** POST /v3/notes: a public note on the candidate's feed, by `userId` or the token's user. */
export async function createCandidateNote(
  context: ProviderContext,
  input: { candidateId: number; applicationId: number; userId: number | null; body: string },
): Promise<{ id: number }> {
  const { data } = await read(context, '/notes', note, {
    method: 'POST',
    body: {
      candidate_id: input.candidateId,
      application_id: input.applicationId,
      body: input.body,
      visibility: 'public',
      note_type: 'NOTE',
      ...(input.userId === null ? {} : { user_id: input.userId }),
    },
  })
  return data
}
