import type { Db } from '../../db/client'
import type { IntegrationRow } from '../../db/schema'
import type { Config } from '../config'
import { ApiError, notFound } from '../errors'
import { providers } from '../integrations/providers'
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
    },
  }
}

/** A new integration; a second one of the same provider for the agency is a 409. */
export async function createIntegration(
  trx: Db,
  ring: Keyring,
  agencyId: string,
  input: CreateIntegrationInput,
): Promise<CreatedIntegration> {
  const id = crypto.randomUUID()
  const signingSecret = providers[input.provider].newSigningSecret()
  const row = await trx
    .insertInto('integrations')
    .values({
      id,
      agency_id: agencyId,
      provider: input.provider,
      credentials_sealed: input.credentials
        ? await seal(ring, sealedFor(id, 'credentials'), JSON.stringify(input.credentials))
        : null,
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
  return rows.map(toIntegration)
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

/** The integration a delivery is addressed to, with its signing secret opened; null: none. */
export async function integrationForDelivery(
  db: Db,
  ring: Keyring,
  integrationId: string,
): Promise<{ integration: IntegrationRow; signingSecret: string | null } | null> {
  const integration = await db
    .selectFrom('integrations')
    .selectAll()
    .where('id', '=', integrationId)
    .executeTakeFirst()
  if (!integration) return null
  const sealed = integration.signing_secret_sealed
  const signingSecret = sealed
    ? await unseal(ring, sealedFor(integration.id, 'signing_secret'), sealed)
    : null
  if (sealed && signingSecret === null) {
    console.error(`[integrations] no key of INTEGRATION_KEYS opens ${integration.id}'s secret`)
  }
  return { integration, signingSecret }
}
