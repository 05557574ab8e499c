import type { Db } from '../../db/client'
import type { AgencyRow, Branding } from '../../db/schema'
import { notFound } from '../errors'
import type { Agency, CreateAgencyInput, CreatedApiKey, UpdateAgencyInput } from '../schemas/agency'
import { createApiKey } from './api-keys'

const defaultBranding: Branding = {
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
    timeZone: row.time_zone,
    allowedOrigins: row.allowed_origins,
    retentionDays: row.retention_days,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

function mergeBranding(current: Branding, patch: CreateAgencyInput['branding']): Branding {
  const next = { ...current }
  for (const [field, value] of Object.entries(patch ?? {})) {
    if (value !== undefined) (next as Record<string, unknown>)[field] = value
  }
  return next
}

/** Creates the agency with its first secret and publishable keys; run it inside a transaction. */
export async function createAgency(
  trx: Db,
  input: CreateAgencyInput,
): Promise<{ agency: Agency; secretKey: CreatedApiKey; publishableKey: CreatedApiKey }> {
  const row = await trx
    .insertInto('agencies')
    .values({
      name: input.name,
      branding: mergeBranding(defaultBranding, input.branding),
      routing_mode: input.routingMode,
      reminder_hours: input.reminderHours,
      time_zone: input.timeZone,
      allowed_origins: input.allowedOrigins ?? [],
      retention_days: input.retentionDays,
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
  const row = await db
    .updateTable('agencies')
    .set({
      name: patch.name,
      branding: patch.branding
        ? mergeBranding({ ...defaultBranding, ...current.branding }, patch.branding)
        : undefined,
      routing_mode: patch.routingMode,
      reminder_hours: patch.reminderHours,
      time_zone: patch.timeZone,
      allowed_origins: patch.allowedOrigins,
      retention_days: patch.retentionDays,
      updated_at: new Date(),
    })
    .where('id', '=', agencyId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toAgency(row)
}
