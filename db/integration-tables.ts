import type { Generated } from 'kysely'
import type { GeneratedTimestamp, Json, Timestamp } from './schema'

// The tables of integrations with other systems (see the create_integrations migration); listed
// in schema.ts's Database with the others.

/** Each provider has an adapter in worker/integrations/. */
export type IntegrationProvider = 'webhook' | 'bullhorn' | 'greenhouse' | 'lever'
export type IntegrationEventResult = 'created' | 'updated' | 'canceled' | 'ignored'

/** Where Bullhorn's event subscription was last read. */
export interface BullhornPollState {
  subscription: string
  /** the provider's id of the last batch read; null before the first */
  requestId: number | null
  /** whether every event of that batch was applied; if not, the same batch is read again */
  applied: boolean
}

/** How far Greenhouse's scheduled interviews were read (Harvest's `updated_after`). */
export interface GreenhousePollState {
  provider: 'greenhouse'
  /** the listing reads interviews changed at or after this time (Greenhouse's clock) */
  updatedAfter: string
  /** the interviews changed at exactly `updatedAfter` that were applied: not read again */
  seen?: number[]
  /** the listing's next page when a run stopped before its end; null: start a new listing */
  next: string | null
  /** the newest `updated_at` the listing has applied so far: the next listing's start */
  newest: string | null
  /** the interviews changed at exactly `newest` */
  newestIds?: number[]
}

/** Where a polled provider's feed was last read. */
export type PollState = BullhornPollState | GreenhousePollState

/** One agency's connection to one provider; its id is chosen by the worker, to seal for it. */
export interface IntegrationTable {
  id: string
  agency_id: string
  provider: IntegrationProvider
  status: Generated<'active'>
  /** `<key id>.<iv>.<ciphertext>` (AES-256-GCM, worker/lib/sealing.ts); never the plaintext */
  credentials_sealed: string | null
  signing_secret_sealed: string | null
  settings: Json<Record<string, unknown>>
  /** a polled provider's position in its event feed; null until it is connected */
  poll_state: Json<PollState> | null
  created_count: Generated<number>
  updated_count: Generated<number>
  canceled_count: Generated<number>
  ignored_count: Generated<number>
  last_event_at: Timestamp | null
  last_error: string | null
  last_error_at: Timestamp | null
  created_at: GeneratedTimestamp
}

/** An inbound event, recorded once per integration and sender's id, with what it did. */
export interface IntegrationEventTable {
  integration_id: string
  event_id: string
  type: string
  occurred_at: Timestamp
  result: IntegrationEventResult
  reason: string | null
  interview_id: string | null
  received_at: GeneratedTimestamp
}

/** A record of another system, as far as its events have been applied here. */
export interface ExternalRecordTable {
  agency_id: string
  system: string
  external_id: string
  interview_id: string | null
  /** the provider's time of the newest event applied (an older one is stale) */
  last_occurred_at: Timestamp | null
  canceled_at: Timestamp | null
}

export type WriteBackState = 'pending' | 'sending' | 'written' | 'failed'

/** The "notes sent" note of one interview, going back to the ATS record it came from. */
export interface WriteBackTable {
  interview_id: string
  agency_id: string
  integration_id: string
  state: WriteBackState
  due_at: Timestamp
  version: Generated<number>
  written_version: number | null
  attempts: Generated<number>
  lease_until: Timestamp | null
  note_id: string | null
  written_text: string | null
  written_at: Timestamp | null
  last_error: string | null
  updated_at: GeneratedTimestamp
}
