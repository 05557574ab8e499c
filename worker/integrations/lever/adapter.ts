import { z } from 'zod'
import type { InboundEvent } from '../../schemas/integration'
import type { DeliveryReading, ProviderAdapter, ProviderContext } from '../adapter'
import { leverClient } from './client'
import { interviewRef, readInterviewEvent } from './interview-event'
import { writeLeverNote } from './notes'
import { readArchiveChange, readHired, readStageChange } from './outcome-event'
import { parseLeverWebhook, signatureTokensOf, verifyLeverSignature } from './signature'

// Lever: webhooks the agency configures in Lever (Settings > Integrations and API > Webhooks),
// pointed at /integrations/:id/events, each naming a record whose details are read from the API
// with the agency's API key; the "notes sent" note goes back onto the opportunity.

const credentials = z.strictObject({
  /** a Lever API key with read access to opportunities, interviews, postings, stages and archive reasons, and notes write access */
  apiKey: z.string().trim().min(1).max(200),
  /** the signature token Lever shows for the webhook; several (one per event type) may be separated by commas */
  webhookToken: z.string().trim().min(1).max(2000),
})

const settings = z.strictObject({
  /** the client company of interviews whose posting has no department or team */
  clientCompany: z.string().trim().min(1).max(160).optional(),
})

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null)

async function readLeverDelivery(
  context: ProviderContext,
  rawBody: string,
): Promise<DeliveryReading> {
  const webhook = parseLeverWebhook(rawBody)
  if (!webhook) return { ignore: 'Not a Lever webhook.' }
  const data = webhook.data ?? {}
  const opportunityId = text(data.opportunityId)
  // what Lever sends when the webhook is tested has no opportunity
  if (!opportunityId) return { ignore: `A ${webhook.event} without opportunityId (a test?).` }
  const interviewId = text(data.interviewId)
  // Lever gives no id of its own to a webhook; a re-sent one keeps its triggeredAt, so this is
  // the same for every delivery of one event and differs between events
  const detail = interviewId ?? text(data.toStageId) ?? ''
  const base = {
    id: `lever:${webhook.event}:${opportunityId}:${detail}:${webhook.triggeredAt}`,
    occurredAt: new Date(webhook.triggeredAt).toISOString(),
  }
  const client = leverClient(context)
  switch (webhook.event) {
    case 'interviewCreated':
    case 'interviewUpdated':
    case 'interviewDeleted': {
      if (!interviewId) return { ignore: `A ${webhook.event} without interviewId.` }
      if (webhook.event === 'interviewDeleted') {
        const externalRef = { id: interviewRef(opportunityId, interviewId) }
        const event: InboundEvent = {
          ...base,
          event: 'interview.canceled',
          interview: { externalRef },
        }
        return { event }
      }
      const ids = { opportunityId, interviewId }
      const created = webhook.event === 'interviewCreated'
      return { event: await readInterviewEvent(context, client, base, ids, created) }
    }
    case 'candidateHired':
      return readHired(base, opportunityId)
    case 'candidateStageChange':
      return readStageChange(client, base, opportunityId, data)
    case 'candidateArchiveChange':
      return readArchiveChange(client, base, opportunityId, data)
    default:
      return { ignore: `Lever's ${webhook.event} is not used.` }
  }
}

export const leverAdapter: ProviderAdapter = {
  // Lever makes the signature token; the agency pastes it into the credentials
  newSigningSecret: () => null,
  credentials,
  settings,
  defaultApiUrl: 'https://api.lever.co/v1',
  verifyDelivery: async ({ credentials }, { rawBody }) =>
    verifyLeverSignature(signatureTokensOf(credentials.webhookToken), rawBody),
  readDelivery: async (context, { rawBody }) => readLeverDelivery(context, rawBody),
  writeNote: writeLeverNote,
}
