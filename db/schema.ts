import type { ColumnType, Generated, Selectable } from 'kysely'
import type {
  ExternalRecordTable,
  IntegrationEventTable,
  IntegrationTable,
  WriteBackTable,
} from './integration-tables'
import type { Language } from '../worker/i18n/catalog'

/** Timestamps are written as Date or ISO strings and always read back as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
/**
 * jsonb columns take and give plain values: postgres.js serialises a parameter whose type is jsonb
 * itself, so a pre-stringified value would be stored as one JSON string.
 */
export type Json<T> = ColumnType<T, T, T>

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
  /** candidate data is forgotten this many days after the interview started */
  retention_days: Generated<number>
  /** coaching emails (first sends and resends) the agency may queue per UTC day */
  agency_daily_send_quota: Generated<number>
  /** coaching emails queued in one recruiter's name per clock hour (UTC) */
  recruiter_hourly_send_quota: Generated<number>
  /** the coaching email goes this many minutes after an interview ends (0 to 120) */
  coaching_delay_minutes: Generated<number>
  /** texts go to candidates who agreed to them only while this is on */
  sms_enabled: Generated<boolean>
  /** no text between these minutes after local midnight (start may be after end: overnight) */
  sms_quiet_start: Generated<number>
  sms_quiet_end: Generated<number>
  /** which messages also go by text */
  sms_messages: ColumnType<TextKind[], TextKind[] | undefined, TextKind[]>
  allowed_origins: Json<string[]>
  /** what candidates are coached in when an interview does not say */
  default_language: Generated<Language>
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
  /** named by each session minted; moved on by a role change or sign-out, ending those sessions */
  session_version: Generated<number>
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

export type InterviewFormat = 'video' | 'phone' | 'onsite'

export interface CandidateTable {
  id: Generated<string>
  agency_id: string
  /** null once erased */
  email: string | null
  unsubscribed_at: Timestamp | null
  erased_at: Timestamp | null
  /** E.164; null once erased */
  phone: string | null
  /** the agency recorded that the person agreed to get texts */
  sms_consent: Generated<boolean>
  created_at: GeneratedTimestamp
}

export type InterviewOutcome = 'advanced' | 'offer' | 'hired' | 'rejected' | 'withdrawn'

export interface InterviewTable {
  id: Generated<string>
  agency_id: string
  recruiter_id: string | null
  candidate_id: string
  /** the candidate's name as given when this interview was logged; null once forgotten */
  candidate_name: string | null
  /** what the candidate goes by, when not the first word of the name; null once forgotten */
  candidate_preferred_name: string | null
  /** the guide, emails and page */
  candidate_language: Generated<Language>
  /** IANA; the deadline in emails is shown in it, else in the agency's; null once forgotten */
  candidate_time_zone: string | null
  /** the drafts: the language the interview was held in */
  note_language: Generated<Language>
  role_title: string
  client_company: string
  starts_at: Timestamp
  ends_at: Timestamp
  duration_minutes: number
  format: InterviewFormat
  talking_points: string | null
  /** when its personal data was removed (erasure or retention); the row stays for the counts */
  forgotten_at: Timestamp | null
  /** canceled before it took place: its queued mail is canceled and the stats leave it out */
  canceled_at: Timestamp | null
  /** the interview's record in another system (an ATS), with external_id; unique per agency */
  external_system: string | null
  external_id: string | null
  /** when it was last rescheduled or corrected */
  updated_at: Timestamp | null
  /** where the candidate got after it, and when that was recorded */
  outcome: InterviewOutcome | null
  outcome_at: Timestamp | null
  created_at: GeneratedTimestamp
}

export interface InterviewerTable {
  id: Generated<string>
  interview_id: string
  position: number
  name: string
  title: string | null
  email: string | null
  /** set by the candidate's "I sent it", cleared by undo */
  note_sent_at: Timestamp | null
}

export interface CoachingLinkTable {
  /** sha256 of the token in the candidate's link; the token itself is never stored */
  token_hash: string
  interview_id: string
  expires_at: Timestamp
  created_at: GeneratedTimestamp
}

export type EmailKind = 'coaching' | 'reminder' | 'resend'
export type EmailState =
  'queued' | 'sending' | 'sent' | 'captured' | 'failed' | 'skipped' | 'canceled'

/** What goes to Resend, rendered when the email is queued; nulled on erasure. */
export interface OutgoingMessage {
  from: string
  to: string
  replyTo: string | null
  subject: string
  html: string
  text: string
  headers: Record<string, string>
  tags: { name: string; value: string }[]
}

export interface EmailTable {
  id: Generated<string>
  agency_id: string
  interview_id: string
  kind: EmailKind
  state: EmailState
  attempts: Generated<number>
  next_attempt_at: Timestamp
  /**
   * The Idempotency-Key of an attempt whose outcome is unknown (timeout, dropped connection).
   * While set, the email is only ever retried with this key, in the same group, so Resend can
   * recognise the retry and never deliver twice.
   */
  send_key: string | null
  last_error: string | null
  provider_id: string | null
  message: Json<OutgoingMessage> | null
  sent_at: Timestamp | null
  created_at: GeneratedTimestamp
}

export type TextKind = 'coaching' | 'reminder'
export type TextState =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'captured'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'skipped'
  | 'canceled'

/** One text to a candidate: its own outbox row, claimed and leased like an email. */
export interface TextTable {
  id: Generated<string>
  agency_id: string
  interview_id: string
  kind: TextKind
  state: TextState
  attempts: Generated<number>
  next_attempt_at: Timestamp
  /**
   * When an attempt got no answer: Twilio may have taken the text. Until the text is found in
   * Twilio's list or known not to be there, it is not sent again (worker/sms/send.ts).
   */
  unanswered_since: Timestamp | null
  /** the number and wording, nulled on erasure; the link's token goes in when it is sent */
  to_phone: string | null
  sender: string | null
  body: string | null
  segments: number | null
  provider_sid: string | null
  last_error: string | null
  sent_at: Timestamp | null
  /** when Twilio last reported on it */
  status_at: Timestamp | null
  created_at: GeneratedTimestamp
}

/** A number that texted STOP to a sender; kept as a hash, so it outlives erasure. */
export interface SmsOptOutTable {
  sender: string
  phone_hash: string
  created_at: GeneratedTimestamp
}

export type EventType =
  | 'delivered'
  | 'bounced'
  | 'complained'
  | 'email_opened'
  | 'email_clicked'
  | 'page_opened'
  | 'copied'
  | 'mail_opened'
  | 'sent'
  | 'unsent'
  | 'unsubscribed'

export interface EventTable {
  id: Generated<string>
  agency_id: string
  interview_id: string
  interviewer_id: string | null
  email_id: string | null
  type: EventType
  occurred_at: GeneratedTimestamp
}

export type SuppressionReason = 'bounced' | 'complained' | 'unsubscribed'

export interface SuppressionTable {
  agency_id: string
  email_hash: string
  reason: SuppressionReason
  created_at: GeneratedTimestamp
}

export interface WebhookReceiptTable {
  /** svix-id: a delivery seen once is acknowledged and ignored after */
  id: string
  received_at: GeneratedTimestamp
}

/** The candidate's note to one interviewer, as last saved from their page. */
export interface DraftTable {
  interviewer_id: string
  interview_id: string
  body: string
  updated_at: GeneratedTimestamp
}

/** How many coaching emails one scope queued in one window; see services/send-quotas.ts. */
export interface SendQuotaUsageTable {
  agency_id: string
  /** null: the agency's daily count; set: that recruiter's hourly count */
  recruiter_id: string | null
  window_start: Timestamp
  count: number
}

/**
 * What the stats count about one interview, kept current by triggers in the same transaction as
 * every write (db/migrations/2026_11_30_000900_add_interview_facts.ts); never written by the app.
 */
export interface InterviewFactsTable {
  interview_id: string
  agency_id: string
  starts_at: Timestamp
  /** the Monday of its week in the agency's time zone */
  week: Timestamp
  canceled: boolean
  recruiter_id: string | null
  client_company: string
  coached: boolean
  delivered: boolean
  page_opened: boolean
  draft_used: boolean
  /** hours from the interview's end to its first note sent; null: none sent */
  note_hours: number | null
  on_time: boolean
  all_thanked: boolean
  outcome: InterviewOutcome | null
  /** how far the coaching text got, as the stats count it; null: none went or it waits */
  coaching_text: CoachingTextFact | null
  /** every fact above the stats count, as bits (migration 2026_12_01_000200); generated */
  profile: Generated<number>
  /** its day in the agency's time zone (set by a trigger, migration 2026_12_01_000400) */
  day: Generated<Timestamp>
  /** the bucket of note_hours the medians read by; generated */
  note_bucket: Generated<number | null>
}

export type CoachingTextFact = 'sent' | 'delivered' | 'undelivered' | 'failed'

export interface Database {
  agencies: AgencyTable
  api_keys: ApiKeyTable
  recruiters: RecruiterTable
  idempotency_keys: IdempotencyKeyTable
  candidates: CandidateTable
  interviews: InterviewTable
  interviewers: InterviewerTable
  coaching_links: CoachingLinkTable
  emails: EmailTable
  events: EventTable
  suppressions: SuppressionTable
  webhook_receipts: WebhookReceiptTable
  drafts: DraftTable
  send_quota_usage: SendQuotaUsageTable
  integrations: IntegrationTable
  integration_events: IntegrationEventTable
  external_records: ExternalRecordTable
  write_backs: WriteBackTable
  interview_facts: InterviewFactsTable
  texts: TextTable
  sms_opt_outs: SmsOptOutTable
}

export type AgencyRow = Selectable<AgencyTable>
export type ApiKeyRow = Selectable<ApiKeyTable>
export type RecruiterRow = Selectable<RecruiterTable>
export type InterviewRow = Selectable<InterviewTable>
export type InterviewerRow = Selectable<InterviewerTable>
export type EmailRow = Selectable<EmailTable>
export type TextRow = Selectable<TextTable>
export type IntegrationRow = Selectable<IntegrationTable>
export type WriteBackRow = Selectable<WriteBackTable>
export type {
  BullhornPollState,
  GreenhousePollState,
  IntegrationEventResult,
  IntegrationProvider,
  PollState,
} from './integration-tables'
