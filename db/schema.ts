import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** Timestamps are written as Date or ISO strings and always read back as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
/**
 * jsonb columns take and give plain values: postgres.js serialises a parameter whose type is jsonb
 * itself, so a pre-stringified value would be stored as one JSON string.
 */
type Json<T> = ColumnType<T, T, T>

export type RoutingMode = 'direct' | 'via_recruiter'
export type ApiKeyKind = 'secret' | 'publishable'
export type RecruiterRole = 'recruiter' | 'manager'

export interface Branding {
  logoUrl: string | null
  primaryColor: string
  accentColor: string
  senderName: string | null
  replyTo: string | null
}

export interface AgencyTable {
  id: Generated<string>
  name: string
  branding: Json<Branding>
  routing_mode: Generated<RoutingMode>
  reminder_hours: Generated<number>
  time_zone: Generated<string>
  allowed_origins: Json<string[]>
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface ApiKeyTable {
  id: Generated<string>
  agency_id: string
  kind: ApiKeyKind
  /** sha256 of the whole key, hex; the key itself is never stored */
  key_hash: string
  /** the first characters, so people can tell keys apart */
  key_prefix: string
  name: string | null
  created_at: GeneratedTimestamp
  revoked_at: Timestamp | null
  last_used_at: Timestamp | null
}

export interface RecruiterTable {
  id: Generated<string>
  agency_id: string
  external_id: string
  name: string
  email: string | null
  role: RecruiterRole
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface IdempotencyKeyTable {
  /** whose key space: an agency id, or 'admin' */
  scope: string
  key: string
  /** method, path and body digest; the same key with another request is a conflict */
  request_hash: string
  response_status: number
  response_body: Json<unknown>
  created_at: GeneratedTimestamp
}

export interface Database {
  agencies: AgencyTable
  api_keys: ApiKeyTable
  recruiters: RecruiterTable
  idempotency_keys: IdempotencyKeyTable
}

export type AgencyRow = Selectable<AgencyTable>
export type NewAgency = Insertable<AgencyTable>
export type AgencyUpdate = Updateable<AgencyTable>
export type ApiKeyRow = Selectable<ApiKeyTable>
export type RecruiterRow = Selectable<RecruiterTable>
