import { createHmac, randomBytes } from 'node:crypto'

/**
 * Sends webhooks the way Lever does: a POST of `{ triggeredAt, event, signature, token, data }`
 * where `signature` is the hex HMAC-SHA256 of `token + triggeredAt` (the epoch ms in decimal) keyed
 * with that webhook's signature token. The signature is in the body, not in a header. Sources:
 * help.lever.co "Configuring webhooks" (event names), two independent client implementations that
 * verify this way, NangoHQ's recorded `candidateHired` webhook. Assumed: the `data` fields beyond
 * `opportunityId`, that `candidateId` repeats the opportunity id, and the retry behaviour.
 */

export type LeverEvent =
  | 'interviewCreated'
  | 'interviewUpdated'
  | 'interviewDeleted'
  | 'candidateStageChange'
  | 'candidateHired'
  | 'candidateArchiveChange'
  | 'applicationCreated'
  | 'candidateDeleted'
  | (string & {})

export interface LeverWebhookBody {
  triggeredAt: number
  event: LeverEvent
  signature: string
  token: string
  data: Record<string, unknown>
}

export interface LeverDelivery {
  /** null when the last attempt got no answer */
  status: number | null
  body: LeverWebhookBody
  raw: string
  attempts: number
}

export interface LeverSendOptions {
  /** epoch ms; now by default */
  triggeredAt?: number
  /** a fresh random token by default */
  token?: string
  /** waits before each retry after a non-2xx answer or none; no retries by default */
  retryDelaysMs?: number[]
}

export function leverSignature(signatureToken: string, token: string, triggeredAt: number) {
  return createHmac('sha256', signatureToken).update(`${token}${triggeredAt}`).digest('hex')
}

export async function sendLeverWebhook(
  url: string,
  signatureToken: string,
  event: LeverEvent,
  data: Record<string, unknown>,
  options: LeverSendOptions = {},
): Promise<LeverDelivery> {
  const triggeredAt = options.triggeredAt ?? Date.now()
  const token = options.token ?? randomBytes(20).toString('hex')
  const body: LeverWebhookBody = {
    triggeredAt,
    event,
    signature: leverSignature(signatureToken, token, triggeredAt),
    token,
    data,
  }
  const raw = JSON.stringify(body)
  const delays = options.retryDelaysMs ?? []
  const delivery: LeverDelivery = { status: null, body, raw, attempts: 0 }
  for (let attempt = 0; attempt <= delays.length; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]))
    delivery.attempts += 1
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      })
      await response.arrayBuffer()
      delivery.status = response.status
      if (response.ok) break
    } catch {
      delivery.status = null
    }
  }
  return delivery
}

export interface LeverPeople {
  opportunityId: string
  contactId?: string
  /** Lever keeps the pre-opportunities candidate id equal to the opportunity id */
  candidateId?: string
}

function people(input: LeverPeople) {
  return {
    opportunityId: input.opportunityId,
    candidateId: input.candidateId ?? input.opportunityId,
    contactId: input.contactId ?? '997fd432-2a4c-4c41-9a52-0b7c3d1e5f10',
  }
}

/** `data` for each event, to pass to `sendLeverWebhook` */
export const leverPayloads = {
  interviewCreated(input: LeverPeople & { interviewId: string; panelId: string }) {
    return { ...people(input), interviewId: input.interviewId, panelId: input.panelId }
  },
  interviewUpdated(input: LeverPeople & { interviewId: string; panelId: string }) {
    return { ...people(input), interviewId: input.interviewId, panelId: input.panelId }
  },
  interviewDeleted(input: LeverPeople & { interviewId: string; panelId: string }) {
    return { ...people(input), interviewId: input.interviewId, panelId: input.panelId }
  },
  candidateStageChange(input: LeverPeople & { fromStageId: string; toStageId: string }) {
    return { ...people(input), fromStageId: input.fromStageId, toStageId: input.toStageId }
  },
  candidateHired(input: LeverPeople) {
    return people(input)
  },
  /** `toArchived` null when unarchived; `reason` an archive reason's id (shape assumed) */
  candidateArchiveChange(
    input: LeverPeople & { toArchived: { reason: string; archivedAt: number } | null },
  ) {
    return { ...people(input), fromArchived: null, toArchived: input.toArchived }
  },
  /** what Lever sends when a customer tests the hook: signed, but without `opportunityId` */
  connectionTest() {
    return {}
  },
}
