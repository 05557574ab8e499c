import { createHmac, randomUUID } from 'node:crypto'

/**
 * Sends webhooks the way Greenhouse does (greenhouse-api-docs, source/includes/webhooks/): a POST
 * of `{"action", "payload"}` with `Signature: sha256 <hex HMAC-SHA256 of the raw body>` and a
 * `Greenhouse-Event-ID`. Greenhouse escapes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (its
 * JSON encoder's habit) before signing, so a receiver must check the bytes it got, never
 * re-serialised JSON. Assumed: the ping body, and that a retry keeps the same event id.
 */

export type GreenhouseAction =
  'ping' | 'interview_deleted' | 'candidate_stage_change' | 'hire_candidate' | (string & {})

export interface GreenhouseDelivery {
  /** the status of the last attempt; null when it got no answer */
  status: number | null
  eventId: string
  /** the exact bytes sent and signed */
  body: string
  /** the `Signature` header */
  signature: string
  responseText: string
  attempts: number
}

export interface SendOptions {
  /** the same id is sent on every attempt; a fresh UUID by default */
  eventId?: string
  /**
   * Waits before each retry after an answer other than 200 or no answer (Greenhouse: 1, 15, 60,
   * 120, 240, 480 minutes; compress them for tests). No retries by default.
   */
  retryDelaysMs?: number[]
  /** also escape every non-ASCII character (not documented either way) */
  asciiOnly?: boolean
  /** the optional Basic credentials and extra headers a customer may configure on the hook */
  basicAuth?: { username: string; password: string }
  headers?: Record<string, string>
}

/** JSON as Greenhouse writes it: HTML-significant characters and line separators escaped */
export function greenhouseJson(value: unknown, asciiOnly = false): string {
  const pattern = asciiOnly ? /[<>&\u2028\u2029\u007f-\uffff]/g : /[<>&\u2028\u2029]/g
  return JSON.stringify(value).replace(
    pattern,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

export function greenhouseSignature(secret: string, body: string): string {
  return `sha256 ${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

export async function sendWebhook(
  url: string,
  secret: string,
  action: GreenhouseAction,
  payload: unknown,
  options: SendOptions = {},
): Promise<GreenhouseDelivery> {
  const eventId = options.eventId ?? randomUUID()
  const body = greenhouseJson({ action, payload }, options.asciiOnly)
  const signature = greenhouseSignature(secret, body)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'greenhouse-event-id': eventId,
    signature,
    ...options.headers,
  }
  if (options.basicAuth) {
    const { username, password } = options.basicAuth
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  }
  const delays = options.retryDelaysMs ?? []
  const delivery: GreenhouseDelivery = {
    status: null,
    eventId,
    body,
    signature,
    responseText: '',
    attempts: 0,
  }
  for (let attempt = 0; attempt <= delays.length; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]))
    delivery.attempts += 1
    try {
      const response = await fetch(url, { method: 'POST', headers, body })
      delivery.status = response.status
      delivery.responseText = await response.text()
      if (response.status === 200) break
    } catch {
      delivery.status = null
      delivery.responseText = ''
    }
  }
  return delivery
}

export interface StageChangeInput {
  applicationId: number
  candidateId: number
  firstName?: string
  lastName?: string
  email?: string
  jobId?: number
  jobName?: string
  stage?: { id: number; name: string }
  status?: 'active' | 'rejected' | 'hired'
}

/** Payloads as the webhook docs show them, trimmed to realistic defaults. */
export const greenhousePayloads = {
  /** the documented shape is assumed; Greenhouse only says it carries configuration settings */
  ping(webHookId = 301) {
    return { web_hook_id: webHookId }
  },
  /** fires on cancel or delete, not when a candidate, application or plan deletion takes it */
  interviewDeleted(scheduledInterviewId: number) {
    return { interview: { id: scheduledInterviewId } }
  },
  candidateStageChange(input: StageChangeInput) {
    return { application: application(input) }
  },
  /** sent when an offer is accepted: the application gains `offer`, `opening` and `job` */
  hireCandidate(input: StageChangeInput & { offerId?: number; startsAt?: string }) {
    const base = application({ ...input, status: 'hired' })
    return {
      application: {
        ...base,
        job: base.jobs[0],
        opening: { id: 123, opening_id: 'OPN-1', opened_at: base.applied_at, closed_at: null },
        offer: {
          id: input.offerId ?? 1_010_101,
          version: 1,
          created_at: base.last_activity_at,
          sent_at: base.last_activity_at.slice(0, 10),
          resolved_at: base.last_activity_at,
          starts_at: input.startsAt ?? '2027-01-04',
          custom_fields: {},
        },
      },
    }
  },
}

function application(input: StageChangeInput) {
  const now = new Date().toISOString()
  const first = input.firstName ?? 'Giuseppe'
  const last = input.lastName ?? 'Hurley'
  const stage = input.stage ?? { id: 71416, name: 'Face to Face' }
  return {
    id: input.applicationId,
    status: input.status ?? 'active',
    prospect: false,
    applied_at: now,
    rejected_at: null,
    last_activity_at: now,
    url: `https://app.greenhouse.io/people/${input.candidateId}?application_id=${input.applicationId}`,
    source: { id: 7, name: 'Staffing agency' },
    credited_to: { id: 15, email: 'ada@example.com', name: 'Ada Lacey', employee_id: null },
    rejection_reason: null,
    rejection_details: null,
    current_stage: {
      id: stage.id,
      name: stage.name,
      interviews: [
        {
          id: 113101,
          name: stage.name,
          status: 'scheduled',
          interview_kit: { url: null, content: '', questions: [] },
          interviewers: [{ id: 2622, display_name: 'Carl Buddha', status: 'accepted' }],
        },
      ],
    },
    candidate: {
      id: input.candidateId,
      first_name: first,
      last_name: last,
      title: null,
      company: null,
      created_at: now,
      external_id: null,
      photo_url: null,
      url: `https://app.greenhouse.io/people/${input.candidateId}`,
      phone_numbers: [{ value: '555-0100', type: 'mobile' }],
      email_addresses: [
        { value: input.email ?? `${first}.${last}@example.com`.toLowerCase(), type: 'personal' },
      ],
      addresses: [],
      attachments: [],
      recruiter: { id: 3128, email: 'recruiter@example.com', name: 'Rita Recruiter' },
      coordinator: null,
      tags: [],
      custom_fields: {},
    },
    jobs: [
      {
        id: input.jobId ?? 3485,
        name: input.jobName ?? 'Warehouse Supervisor',
        requisition_id: null,
        opened_at: now,
        closed_at: null,
        url: `https://app.greenhouse.io/sdash/${input.jobId ?? 3485}`,
        departments: [],
        offices: [],
        custom_fields: {},
      },
    ],
    answers: [],
    prospect_detail: { prospect_owner: null, prospect_pool: null, prospect_stage: null },
    custom_fields: {},
  }
}
