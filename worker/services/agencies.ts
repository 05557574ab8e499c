import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { AgencyRow, Branding } from '../../db/schema'
import { ApiError, notFound } from '../errors'
import { clockTimeOf, minutesOf, wallClock } from '../lib/wall-clock'
import type { Agency, CreateAgencyInput, CreatedApiKey, UpdateAgencyInput } from '../schemas/agency'
import { createApiKey } from './api-keys'

export const defaultBranding: Branding = {
  logoUrl: null,
  primaryColor: '#1f4f8f',
  accentColor: '#0f7b5f',
  senderName: null,
  replyTo: null,
}

export function toAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    name: row.name,
    branding: { ...defaultBranding, ...row.branding },
    routingMode: row.routing_mode,
    reminderHours: row.reminder_hours,
    coachingDelayMinutes: row.coaching_delay_minutes,
    timeZone: row.time_zone,
    defaultLanguage: row.default_language,
    allowedOrigins: row.allowed_origins,
    retentionDays: row.retention_days,
    sendQuotas: {
      agencyPerDay: row.agency_daily_send_quota,
      recruiterPerHour: row.recruiter_hourly_send_quota,
    },
    sms: {
      enabled: row.sms_enabled,
      quietHours: {
        start: clockTimeOf(row.sms_quiet_start),
        end: clockTimeOf(row.sms_quiet_end),
      },
      messages: row.sms_messages,
    },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/** The text settings' columns for what was sent; what was left out stays as it is. */
function smsColumnsOf(sms: CreateAgencyInput['sms']) {
  return {
    sms_enabled: sms?.enabled,
    sms_quiet_start: sms?.quietHours ? minutesOf(sms.quietHours.start) : undefined,
    sms_quiet_end: sms?.quietHours ? minutesOf(sms.quietHours.end) : undefined,
    sms_messages: sms?.messages ? [...new Set(sms.messages)] : undefined,
  }
}

function mergeBranding(current: Branding, patch: CreateAgencyInput['branding']): Branding {
  const next = { ...current }
  for (const [field, value] of Object.entries(patch ?? {})) {
    if (value !== undefined) (next as Record<string, unknown>)[field] = value
  }
  return next
}

/** The wall-clock time at `instant` in `timeZone`, as YYYY-MM-DDTHH:MI. */
function localTime(timeZone: string, instant: Date): string {
  const { date, time } = wallClock(timeZone, instant)
  return `${date}T${time}`
}

const halfYearMs = 182 * 86_400_000

/**
 * The schema lets through only region names JavaScript knows (it renders the dates in emails);
 * Postgres draws the day boundaries of the stats with the same name. So the name must be one
 * Postgres lists, and both must read the same local time from it now and half a year on, to
 * catch a zone one of them keeps summer time in and the other does not.
 */
async function checkTimeZone(db: Db, timeZone: string): Promise<void> {
  const now = new Date()
  const later = new Date(now.getTime() + halfYearMs)
  const clock = (instant: Date) =>
    sql<string>`to_char(${instant.toISOString()}::timestamptz at time zone name, 'YYYY-MM-DD"T"HH24:MI')`
  const { rows } = await sql<{ now: string; later: string }>`
    select ${clock(now)} as now, ${clock(later)} as later
    from pg_timezone_names where name = ${timeZone}`.execute(db)
  const postgres = rows[0]
  const problem = !postgres
    ? 'The database does not know this time zone; use a current IANA name such as America/Los_Angeles (names are case-sensitive).'
    : postgres.now !== localTime(timeZone, now) || postgres.later !== localTime(timeZone, later)
      ? 'The database reads this time zone differently; use the region it stands for, such as Europe/Paris.'
      : null
  if (problem) {
    throw new ApiError('validation_failed', 'The request body is not valid.', [
      { path: 'timeZone', message: problem },
    ])
  }
}

/** Creates the agency with its first secret and publishable keys; run it inside a transaction. */
export async function createAgency(
  trx: Db,
  input: CreateAgencyInput,
): Promise<{ agency: Agency; secretKey: CreatedApiKey; publishableKey: CreatedApiKey }> {
  if (input.timeZone !== undefined) await checkTimeZone(trx, input.timeZone)
  const row = await trx
    .insertInto('agencies')
    .values({
      name: input.name,
      branding: mergeBranding(defaultBranding, input.branding),
      routing_mode: input.routingMode,
      reminder_hours: input.reminderHours,
      coaching_delay_minutes: input.coachingDelayMinutes,
      time_zone: input.timeZone,
      default_language: input.defaultLanguage,
      allowed_origins: input.allowedOrigins ?? [],
      retention_days: input.retentionDays,
      agency_daily_send_quota: input.sendQuotas?.agencyPerDay,
      recruiter_hourly_send_quota: input.sendQuotas?.recruiterPerHour,
      ...smsColumnsOf(input.sms),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const secretKey = await createApiKey(trx, row.id, { kind: 'secret', name: 'Default secret key' })
  const publishableKey = await createApiKey(trx, row.id, {
    kind: 'publishable',
    name: 'Default publishable key',
  })
  return { agency: toAgency(row), secretKey, publishableKey }
}

async function findAgencyRow(db: Db, agencyId: string): Promise<AgencyRow> {
  const row = await db
    .selectFrom('agencies')
    .selectAll()
    .where('id', '=', agencyId)
    .executeTakeFirst()
  if (!row) throw notFound('Agency')
  return row
}

export async function getAgency(db: Db, agencyId: string): Promise<Agency> {
  return toAgency(await findAgencyRow(db, agencyId))
}

export async function updateAgency(
  db: Db,
  agencyId: string,
  patch: UpdateAgencyInput,
): Promise<Agency> {
  const current = await findAgencyRow(db, agencyId)
  if (patch.timeZone !== undefined) await checkTimeZone(db, patch.timeZone)
  const row = await db
    .updateTable('agencies')
    .set({
      name: patch.name,
      branding: patch.branding
        ? mergeBranding({ ...defaultBranding, ...current.branding }, patch.branding)
        : undefined,
      routing_mode: patch.routingMode,
      reminder_hours: patch.reminderHours,
      coaching_delay_minutes: patch.coachingDelayMinutes,
      time_zone: patch.timeZone,
      default_language: patch.defaultLanguage,
      allowed_origins: patch.allowedOrigins,
      retention_days: patch.retentionDays,
      agency_daily_send_quota: patch.sendQuotas?.agencyPerDay,
      recruiter_hourly_send_quota: patch.sendQuotas?.recruiterPerHour,
      ...smsColumnsOf(patch.sms),
      updated_at: new Date(),
    })
    .where('id', '=', agencyId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toAgency(row)
}
