import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { coachingLinkOf, type TestAgency } from './factories'
import {
  leverPayloads,
  leverSignature,
  sendLeverWebhook,
  startFakeLever,
  type FakeLever,
  type LeverEvent,
  type LeverInterview,
  type LeverSendOptions,
} from './fake-lever'
import type { Harness } from './harness'
import { forThisFile } from './lifecycle'

// An agency's Lever account as the integration's tests see it: the fake Lever's API, and the
// webhooks Lever sends to the integration, signed with the token Lever showed the agency.

/** The file's fake Lever, made before the worker so its address can be a binding. */
export function useFakeLever(): FakeLever {
  return forThisFile(
    () => startFakeLever(),
    (lever) => lever.close(),
  )
}

/** The worker's bindings that send its Lever API calls to the fake. */
export const leverBindings = (lever: FakeLever) => ({
  PROVIDER_URLS: JSON.stringify({ lever: lever.apiUrl }),
})

export interface LeverIntegration {
  id: string
  webhookToken: string
  /** where the agency pointed Lever's webhooks */
  url: string
}

export async function createLeverIntegration(
  h: Harness,
  agency: TestAgency,
  lever: FakeLever,
  settings?: Record<string, string>,
): Promise<LeverIntegration> {
  const webhookToken = randomBytes(16).toString('hex')
  const res = await h.request('POST', '/v1/integrations', {
    token: agency.secretKey,
    json: {
      provider: 'lever',
      credentials: { apiKey: lever.apiKey, webhookToken },
      ...(settings ? { settings } : {}),
    },
  })
  expect(res.status, res.text).toBe(201)
  expect(res.body.signingSecret).toBeNull()
  const id = res.body.id as string
  return { id, webhookToken, url: `${h.baseUrl}/integrations/${id}/events` }
}

/** Lever sends `event` to the integration (re-sending on non-2xx after each retry delay given). */
export function sendToIntegration(
  integration: LeverIntegration,
  event: LeverEvent,
  data: Record<string, unknown>,
  options: LeverSendOptions = {},
) {
  return sendLeverWebhook(integration.url, integration.webhookToken, event, data, options)
}

/** The data of an interview event about `interview`. */
export const interviewData = (interview: LeverInterview) =>
  leverPayloads.interviewCreated({
    opportunityId: interview.opportunityId,
    interviewId: interview.id,
    panelId: interview.panel,
  })

/** A webhook body as Lever signs it, to send (and re-send) as is. */
export function signedBody(
  webhookToken: string,
  event: LeverEvent,
  data: Record<string, unknown>,
  triggeredAt: number,
): string {
  const token = randomBytes(20).toString('hex')
  const signature = leverSignature(webhookToken, token, triggeredAt)
  return JSON.stringify({ triggeredAt, event, signature, token, data })
}

/** Posts a prepared body to the integration; the status and the answer. */
export async function postBody(integration: LeverIntegration, raw: string) {
  const response = await fetch(integration.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw,
  })
  const text = await response.text()
  return {
    status: response.status,
    body: JSON.parse(text) as Record<string, any>,
    headers: response.headers,
  }
}

/** The candidate marks the note to the interview's first interviewer sent, on their page. */
export async function markFirstNoteSent(h: Harness, agency: TestAgency, interviewId: string) {
  const link = `/c/${await coachingLinkOf(h, interviewId)}`
  const interview = await h.request('GET', `/v1/interviews/${interviewId}`, {
    token: agency.secretKey,
  })
  const res = await h.request('POST', `${link}/events`, {
    json: { type: 'sent', interviewerId: interview.body.interviewers[0].id },
  })
  expect(res.status, res.text).toBe(200)
  return { link, interviewers: interview.body.interviewers as { id: string }[] }
}
