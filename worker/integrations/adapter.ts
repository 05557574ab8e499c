import type { z } from 'zod'
import type { IntegrationRow } from '../../db/schema'
import type { InboundEvent } from '../schemas/integration'

// What the product needs of each provider's adapter (one folder per provider beside this file).
// An adapter speaks the provider's protocol only: it proves a delivery is the provider's, turns
// what the provider sends (or what its API answers) into the one event shape every source shares,
// and writes the "notes sent" note back. Recording, ordering, exactly-once and the interview
// services are the product's, shared by every source (services/integration-events.ts,
// services/write-backs.ts).

/** A request as it reached POST /integrations/:id/events: its headers and the exact body. */
export interface Delivery {
  header: (name: string) => string | undefined
  rawBody: string
}

/** What an adapter is given to call its provider for one integration. */
export interface ProviderContext {
  integration: IntegrationRow
  /** the integration's credentials, opened; {} when it has none */
  credentials: Record<string, string>
  /** the provider API's base: the operator's PROVIDER_URLS entry, else the provider's own */
  apiUrl: string
  /** the secret shown once at creation (the generic webhook signs its write-backs with it) */
  signingSecret: string | null
  now: Date
  /**
   * For providers whose tokens rotate (a single-use refresh token): runs `renew` on the stored
   * credentials while the integration is locked, so two callers never spend the same token.
   * `renew` answers the credentials to store, or null when those stored already do (another
   * caller renewed them first); either way the credentials now in force are returned. A failure
   * after new tokens were issued is thrown once they are stored.
   */
  rotateCredentials: (renew: CredentialRenewal) => Promise<Record<string, string>>
}

/** Given the stored credentials: new ones to store (and an error to throw after), or null. */
export type CredentialRenewal = (
  current: Record<string, string>,
) => Promise<{ credentials: Record<string, string>; failure?: Error } | null>

/**
 * A call to the provider that may work later (no answer, a 5xx, a 429): a delivery is answered
 * 503 so the provider sends it again, a write-back is retried with backoff. Nothing is recorded.
 */
export class ProviderUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 60,
  ) {
    super(message)
    this.name = 'ProviderUnavailable'
  }
}

/**
 * The provider refused for good (credentials revoked, the record is gone, a field it will not
 * take): recorded with this message on the event or the write-back and shown on the integration.
 */
export class ProviderRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProviderRefused'
  }
}

/**
 * A delivery read: the event it carries, the events (one web hook may report several records,
 * applied in this order), or why there is nothing to apply (a ping, a type we do not use).
 */
export type DeliveryReading =
  { event: InboundEvent } | { events: InboundEvent[] } | { ignore: string }

/** The note written back to the ATS record once the candidate marks notes sent. */
export interface NoteToWrite {
  interviewId: string
  /** the interview's record in the provider (its externalRef id, as the adapter made it) */
  externalId: string
  /** each interviewer, and when the candidate marked their note sent (null: not marked) */
  thanked: { name: string; title: string | null; email: string | null; sentAt: Date | null }[]
  /** the note, plain text, naming who was thanked and when */
  text: string
  /** where an earlier write of this note landed: update it there; null for the first write */
  noteId: string | null
  /**
   * A line the note carries, unique to the interview: after an attempt whose answer was lost the
   * adapter finds the note by it instead of writing a second one.
   */
  marker: string
  /** the ATS user who owns the record (the recruiter), where the provider wants an author */
  recruiterExternalId: string | null
}

export interface ProviderAdapter {
  /** a secret the agency configures the provider's sender with, shown once; null when none */
  newSigningSecret: () => string | null
  /** the credentials it needs, checked when the integration is created (400 otherwise) */
  credentials: z.ZodType<Record<string, string>>
  /** what its settings may hold, checked when the integration is created (400 otherwise) */
  settings?: z.ZodType<Record<string, unknown>>
  /** whether a delivery was sent by the provider for this integration */
  verifyDelivery: (
    secrets: { signingSecret: string | null; credentials: Record<string, string> },
    delivery: Delivery,
  ) => Promise<boolean>
  /**
   * The event a verified delivery carries, in the shared shape; may read the provider's API for
   * what the delivery lacks. Throws ApiError(validation_failed) for a body it cannot read,
   * ProviderUnavailable when the provider's API does not answer.
   */
  readDelivery: (context: ProviderContext, delivery: Delivery) => Promise<DeliveryReading>
  /** whether this integration's settings ask for write-backs (default: when writeNote exists) */
  writesBack?: (settings: Record<string, unknown>) => boolean
  /** writes (or updates) the note on the record; the provider's id of the note */
  writeNote?: (context: ProviderContext, note: NoteToWrite) => Promise<{ noteId: string }>
  /** the provider API's base when the operator names none */
  defaultApiUrl: string
}
