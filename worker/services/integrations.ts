import type { z } from 'zod'
import type { Db } from '../../db/client'
import type { IntegrationRow } from '../../db/schema'
import type { Config } from '../config'
import { ApiError, notFound } from '../errors'
import {
  ProviderRefused,
  type CredentialRenewal,
  type ProviderContext,
} from '../integrations/adapter'
import { providers } from '../integrations/providers'
import { detailsOf } from '../validate'
import { keyringOf, seal, unseal, type Keyring } from '../lib/sealing'
import type {
  CreatedIntegration,
  CreateIntegrationInput,
  Integration,
} from '../schemas/integration'

// An agency's integrations: one per provider. Credentials and the signing secret are sealed
// before they reach the database and never leave the worker again, except the signing secret
// in the answer that created it.

const keyrings = new WeakMap<Config, Promise<Keyring>>()

/** The keys that seal integration secrets; without them (production) the routes answer 503. */
export function integrationKeyring(config: Config): Promise<Keyring> {
  const sources = config.integrationKeys
  if (!sources) {
    throw new ApiError(
      'unavailable',
      'Integrations are not configured on this server: its operator must set INTEGRATION_KEYS.',
      [],
      { 'Retry-After': '3600' },
    )
  }
  let ring = keyrings.get(config)
  if (!ring) {
    ring = keyringOf(sources)
    keyrings.set(config, ring)
  }
  return ring
}

/** What a sealed value belongs to: copied onto another row or field, it does not open. */
const sealedFor = (integrationId: string, field: 'credentials' | 'signing_secret') =>
  `integration:${integrationId}:${field}`

export function toIntegration(row: IntegrationRow): Integration {
  return {
    id: row.id,
    provider: row.provider,
    status: row.status,
    settings: row.settings,
    hasCredentials: row.credentials_sealed !== null,
    createdAt: row.created_at.toISOString(),
    lastEventAt: row.last_event_at?.toISOString() ?? null,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at?.toISOString() ?? null,
    counts: {
      created: row.created_count,
      updated: row.updated_count,
      canceled: row.canceled_count,
      ignored: row.ignored_count,
      writeBacks: { written: 0, pending: 0, failed: 0 },
    },
  }
}

/** `value` as the provider's adapter wants it, or the 400 naming each wrong field of `part`. */
function checked<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  part: 'credentials' | 'settings',
  input: CreateIntegrationInput,
): T {
  const result = schema ? schema.safeParse(value) : { success: true as const, data: value as T }
  if (result.success) return result.data
  throw new ApiError(
    'validation_failed',
    `These are not the ${part} a ${input.provider} integration needs.`,
    detailsOf(result.error).map((d) => ({ ...d, path: `${part}.${d.path}` })),
  )
}

/** A new integration; a second one of the same provider for the agency is a 409. */
export async function createIntegration(
  trx: Db,
  ring: Keyring,
  agencyId: string,
  input: CreateIntegrationInput,
): Promise<CreatedIntegration> {
  const adapter = providers[input.provider]
  const credentials = checked(adapter.credentials, input.credentials ?? {}, 'credentials', input)
  checked(adapter.settings, input.settings ?? {}, 'settings', input)
  const id = crypto.randomUUID()
  const signingSecret = adapter.newSigningSecret()
  const row = await trx
    .insertInto('integrations')
    .values({
      id,
      agency_id: agencyId,
      provider: input.provider,
      credentials_sealed: input.credentials ? await sealCredentials(ring, id, credentials) : null,
      signing_secret_sealed: signingSecret
        ? await seal(ring, sealedFor(id, 'signing_secret'), signingSecret)
        : null,
      settings: input.settings ?? {},
    })
    .onConflict((oc) => oc.columns(['agency_id', 'provider']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!row) {
    throw new ApiError(
      'conflict',
      `This agency already has a ${input.provider} integration; delete it first to start again.`,
    )
  }
  return { ...toIntegration(row), signingSecret }
}

export async function listIntegrations(db: Db, agencyId: string): Promise<Integration[]> {
  const rows = await db
    .selectFrom('integrations')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('created_at', 'desc')
    .execute()
  const writeBacks = await db
    .selectFrom('write_backs')
    .select(['integration_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('agency_id', '=', agencyId)
    .groupBy(['integration_id', 'state'])
    .execute()
  return rows.map((row) => {
    const count = (...states: string[]) =>
      writeBacks
        .filter((w) => w.integration_id === row.id && states.includes(w.state))
        .reduce((sum, w) => sum + Number(w.n), 0)
    const integration = toIntegration(row)
    integration.counts.writeBacks = {
      written: count('written'),
      pending: count('pending', 'sending'),
      failed: count('failed'),
    }
    return integration
  })
}

/** Removes the integration and its record of events; the interviews it brought stay. */
export async function deleteIntegration(
  db: Db,
  agencyId: string,
  integrationId: string,
): Promise<Integration> {
  const row = await db
    .deleteFrom('integrations')
    .where('agency_id', '=', agencyId)
    .where('id', '=', integrationId)
    .returningAll()
    .executeTakeFirst()
  if (!row) throw notFound('Integration')
  return toIntegration(row)
}

/** An integration with its secrets opened, as its adapter needs them. */
export interface OpenedIntegration {
  integration: IntegrationRow
  signingSecret: string | null
  credentials: Record<string, string>
}

async function open(
  ring: Keyring,
  integration: IntegrationRow,
  field: 'credentials' | 'signing_secret',
): Promise<string | null> {
  const sealed =
    field === 'credentials' ? integration.credentials_sealed : integration.signing_secret_sealed
  if (!sealed) return null
  const opened = await unseal(ring, sealedFor(integration.id, field), sealed)
  if (opened === null) {
    console.error(`[integrations] no key of INTEGRATION_KEYS opens ${integration.id}'s ${field}`)
  }
  return opened
}

/** Opens an integration's signing secret and credentials. */
export async function openIntegration(
  ring: Keyring,
  integration: IntegrationRow,
): Promise<OpenedIntegration> {
  const credentials = await open(ring, integration, 'credentials')
  return {
    integration,
    signingSecret: await open(ring, integration, 'signing_secret'),
    credentials: credentials ? (JSON.parse(credentials) as Record<string, string>) : {},
  }
}

/** Seals new credentials for the integration (a provider rotated a token). */
export const sealCredentials = (
  ring: Keyring,
  integrationId: string,
  credentials: Record<string, string>,
) => seal(ring, sealedFor(integrationId, 'credentials'), JSON.stringify(credentials))

/** An integration's row; locked for the caller's transaction with `forUpdate`. */
export function integrationRow(db: Db, integrationId: string, forUpdate = false) {
  const query = db.selectFrom('integrations').selectAll().where('id', '=', integrationId)
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

/** The integration a delivery is addressed to, its secrets opened; null: none. */
export async function integrationForDelivery(
  db: Db,
  ring: Keyring,
  integrationId: string,
): Promise<OpenedIntegration | null> {
  const integration = await integrationRow(db, integrationId)
  return integration ? openIntegration(ring, integration) : null
}

/**
 * Renews an integration's credentials under its row lock: a second caller waits for the first,
 * then finds the renewed credentials and uses them. The new credentials are stored in the same
 * transaction that read the old ones, so a token the provider accepts only once is never lost.
 */
export async function rotateCredentials(
  db: Db,
  ring: Keyring,
  integrationId: string,
  renew: CredentialRenewal,
): Promise<Record<string, string>> {
  const { credentials, failure } = await db.transaction().execute(async (trx) => {
    const row = await integrationRow(trx, integrationId, true)
    if (!row) throw new ProviderRefused('The integration was deleted.')
    const current = (await openIntegration(ring, row)).credentials
    const renewed = await renew(current)
    if (!renewed) return { credentials: current }
    await trx
      .updateTable('integrations')
      .set({ credentials_sealed: await sealCredentials(ring, integrationId, renewed.credentials) })
      .where('id', '=', integrationId)
      .execute()
    return renewed
  })
  if (failure) throw failure
  return credentials
}

/** What the integration's adapter is given to call its provider. */
export function providerContext(
  db: Db,
  config: Config,
  { integration, credentials, signingSecret }: OpenedIntegration,
  now: Date,
): ProviderContext {
  const apiUrl =
    config.providerUrls[integration.provider] ?? providers[integration.provider].defaultApiUrl
  return {
    integration,
    credentials,
    apiUrl,
    signingSecret,
    now,
    rotateCredentials: async (renew) =>
      rotateCredentials(db, await integrationKeyring(config), integration.id, renew),
  }
}
