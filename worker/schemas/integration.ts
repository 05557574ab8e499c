import { z } from 'zod'
import { line } from './common'
import { interviewOutcome } from './interview'

export const integrationProvider = z.enum(['webhook', 'bullhorn', 'greenhouse', 'lever'])

/** A small bag of provider-specific values; credentials are sealed, settings kept as given. */
const bag = (valueSchema: z.ZodType) =>
  z
    .record(z.string().min(1).max(64), valueSchema)
    .refine((value) => Object.keys(value).length <= 20, 'At most 20 entries.')

export const createIntegrationBody = z.strictObject({
  provider: integrationProvider,
  /** what the provider's adapter needs to call the provider (API keys, OAuth); never shown again */
  credentials: bag(z.string().max(4096)).optional(),
  settings: bag(z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional(),
})

export const integration = z.object({
  id: z.uuid(),
  provider: integrationProvider,
  status: z.enum(['active']),
  settings: z.record(z.string(), z.unknown()),
  /** whether credentials are stored (they are never shown) */
  hasCredentials: z.boolean(),
  createdAt: z.iso.datetime(),
  lastEventAt: z.iso.datetime().nullable(),
  /** why the last event that was ignored was ignored */
  lastError: z.string().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
  counts: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    canceled: z.number().int(),
    ignored: z.number().int(),
    /** "notes sent" notes written back to the provider, waiting (or being retried), refused */
    writeBacks: z.object({
      written: z.number().int(),
      pending: z.number().int(),
      failed: z.number().int(),
    }),
  }),
})

export const createdIntegration = integration.extend({
  /** the generic webhook's signing secret: shown in this answer only (a replay shows null) */
  signingSecret: z.string().nullable(),
})

export const integrationList = z.object({ data: z.array(integration) })

/** Bullhorn's sign-in page for the agency, and when its state stops being accepted. */
export const connectLink = z.object({ url: z.url(), expiresAt: z.iso.datetime() })

/** What Bullhorn's OAuth server adds to the callback. */
export const oauthCallbackQuery = z.object({
  code: z.string().min(1).max(2000),
  state: z.string().min(1).max(200),
})

export const eventType = z.enum([
  'interview.scheduled',
  'interview.updated',
  'interview.canceled',
  'interview.outcome',
])

/**
 * The generic webhook's event. The envelope is the contract and a malformed one is refused (400);
 * `interview` holds the ATS record, checked when it is applied, so a record that cannot become an
 * interview is recorded as ignored with the reason instead of being re-sent forever.
 */
export const inboundEvent = z.strictObject({
  /** the sender's id of this event: the same id twice is one event */
  id: line(200),
  event: eventType,
  /** when it happened in the sender's system: an event older than one applied is stale */
  occurredAt: z.iso.datetime({ offset: true, message: 'Must be an ISO-8601 date and time.' }),
  interview: z.looseObject({ externalRef: z.strictObject({ id: line(200) }) }),
  /** with interview.outcome: where the candidate got, and when (default: occurredAt) */
  outcome: z
    .strictObject({
      stage: interviewOutcome,
      at: z.iso
        .datetime({ offset: true, message: 'Must be an ISO-8601 date and time.' })
        .optional(),
    })
    .optional(),
})

/**
 * What POST /integrations/:id/events takes: the generic webhook's event, or the payload of the
 * integration's provider (a Greenhouse or Lever webhook), which its adapter reads.
 */
export const deliveryBody = z.union([
  inboundEvent,
  z
    .looseObject({})
    .describe("A provider's own webhook payload (Greenhouse, Lever), read by its adapter."),
])

export const eventResult = z.object({
  result: z.enum(['created', 'updated', 'canceled', 'ignored', 'duplicate']),
  reason: z.string().optional(),
  interviewId: z.uuid().optional(),
})

export type Integration = z.infer<typeof integration>
export type CreatedIntegration = z.infer<typeof createdIntegration>
export type CreateIntegrationInput = z.infer<typeof createIntegrationBody>
export type InboundEvent = z.infer<typeof inboundEvent>
export type EventResult = z.infer<typeof eventResult>
