import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { ApiKeyKind, ApiKeyRow } from '../../db/schema'
import { ApiError, notFound } from '../errors'
import { randomToken, sha256Hex } from '../lib/crypto'
import { pageOf, type Page, type PageRequest } from '../lib/pagination'
import type { ApiKey, CreatedApiKey } from '../schemas/agency'
import { inTransaction } from '../lib/transaction'

const keyPrefix: Record<ApiKeyKind, string> = { secret: 'ft_sk_', publishable: 'ft_pk_' }

export function apiKeyKindOf(token: string): ApiKeyKind | null {
  if (token.startsWith(keyPrefix.secret)) return 'secret'
  if (token.startsWith(keyPrefix.publishable)) return 'publishable'
  return null
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    prefix: row.key_prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }
}

export async function createApiKey(
  db: Db,
  agencyId: string,
  input: { kind: ApiKeyKind; name?: string },
): Promise<CreatedApiKey> {
  const key = keyPrefix[input.kind] + randomToken(24)
  const row = await db
    .insertInto('api_keys')
    .values({
      agency_id: agencyId,
      kind: input.kind,
      key_hash: await sha256Hex(key),
      key_prefix: key.slice(0, 10),
      name: input.name ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { ...toApiKey(row), key }
}

export async function listApiKeys(
  db: Db,
  agencyId: string,
  page: PageRequest,
): Promise<Page<ApiKey>> {
  return pageOf(
    db.selectFrom('api_keys').selectAll().where('agency_id', '=', agencyId),
    page,
    toApiKey,
  )
}

/** The active key a caller presented, or null: unknown and revoked keys look the same. */
export async function findActiveApiKey(db: Db, key: string): Promise<ApiKeyRow | null> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', await sha256Hex(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row ?? null
}

export async function revokeApiKey(db: Db, agencyId: string, keyId: string): Promise<ApiKey> {
  return inTransaction(db, async (trx) => {
    const key = await trx
      .selectFrom('api_keys')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('id', '=', keyId)
      .forUpdate()
      .executeTakeFirst()
    if (!key) throw notFound('Key')
    if (key.revoked_at) return toApiKey(key)
    if (key.kind === 'secret') {
      const { count } = await trx
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('agency_id', '=', agencyId)
        .where('kind', '=', 'secret')
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow()
      if (Number(count) <= 1) {
        throw new ApiError(
          'conflict',
          'This is the last active secret key. Create a new secret key before revoking this one.',
        )
      }
    }
    const row = await trx
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('agency_id', '=', agencyId)
      .where('id', '=', keyId)
      .returningAll()
      .executeTakeFirstOrThrow()
    return toApiKey(row)
  })
}

/** Records use at most hourly, so authenticating stays one read on the hot path. */
export async function markApiKeyUsed(db: Db, key: ApiKeyRow, now = new Date()): Promise<void> {
  if (key.last_used_at && now.getTime() - key.last_used_at.getTime() < 3_600_000) return
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', key.id).execute()
}

/** The agency of an active publishable key, if `origin` is one of the agency's allowed origins. */
export async function agencyIdForBrowser(
  db: Db,
  key: string,
  origin: string,
): Promise<string | null> {
  if (apiKeyKindOf(key) !== 'publishable') return null
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('agencies', 'agencies.id', 'api_keys.agency_id')
    .select('api_keys.agency_id')
    .where('api_keys.key_hash', '=', await sha256Hex(key))
    .where('api_keys.kind', '=', 'publishable')
    .where('api_keys.revoked_at', 'is', null)
    .where(sql<boolean>`agencies.allowed_origins @> ${[origin]}::jsonb`)
    .executeTakeFirst()
  return row?.agency_id ?? null
}
