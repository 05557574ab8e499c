import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import {
  ProviderRefused,
  ProviderUnavailable,
  type Delivery,
  type DeliveryReading,
} from '../integrations/adapter'
import { providers } from '../integrations/providers'
import type { RequestMailing } from '../outbox/send'
import type { EventResult } from '../schemas/integration'
import { receiveIntegrationEvent } from './integration-events'
import { providerContext, type OpenedIntegration } from './integrations'

// A delivery to POST /integrations/:id/events, once verified: the provider's adapter reads the
// event it carries, and the event is applied like every other (integration-events.ts).

/** Shows why the provider refused on the integration's status. */
export async function noteIntegrationError(
  db: Db,
  integrationId: string,
  message: string,
  now: Date,
) {
  await db
    .updateTable('integrations')
    .set({ last_error: message, last_error_at: now })
    .where('id', '=', integrationId)
    .execute()
}

/**
 * POST /integrations/:id/events, once the delivery is verified: its adapter reads the event it
 * carries (calling the provider's API for what it lacks), which is then applied once. When the
 * provider's API does not answer, the delivery is refused with 503 and nothing is recorded, so
 * the provider sends it again; what the provider refuses for good is answered as ignored.
 */
export async function receiveDelivery(
  db: Db,
  request: RequestMailing,
  opened: OpenedIntegration,
  delivery: Delivery,
  options: { requestOrigin: string },
): Promise<EventResult> {
  const { integration } = opened
  const now = new Date()
  let reading: DeliveryReading
  try {
    const context = providerContext(db, request.config, opened, now)
    reading = await providers[integration.provider].readDelivery(context, delivery)
  } catch (err) {
    if (err instanceof ProviderUnavailable) {
      throw new ApiError(
        'unavailable',
        `${integration.provider} did not answer (${err.message}); nothing was recorded: send the event again.`,
        [],
        { 'Retry-After': String(err.retryAfterSeconds) },
      )
    }
    if (!(err instanceof ProviderRefused)) throw err
    await noteIntegrationError(db, integration.id, err.message, now)
    reading = { ignore: err.message }
  }
  if ('ignore' in reading) return { result: 'ignored', reason: reading.ignore }
  const events = 'events' in reading ? reading.events : [reading.event]
  // each applied once on its own; the answer is the first that was not a duplicate
  let answer: EventResult = { result: 'duplicate' }
  for (const event of events) {
    const result = await receiveIntegrationEvent(db, request, integration, event, options)
    if (answer.result === 'duplicate') answer = result
  }
  return answer
}
