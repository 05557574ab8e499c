import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import { sha256Hex } from '../lib/crypto'
import { inTransaction } from '../lib/transaction'

export interface StoredResponse<T> {
  status: number
  body: T
  /** what a replay returns, when it must differ (secrets shown once are not stored) */
  replayBody?: T
  /**
   * The transaction's last statement: for a write that locks a row every create of the agency
   * needs (a send-quota counter), so that lock is held for as short a time as possible.
   */
  last?: (trx: Db) => Promise<unknown>
}

/**
 * Runs `create` at most once per (scope, key). The key row is inserted first in the same
 * transaction, so a concurrent request with the same key waits on it and then reads the stored
 * response instead of creating a second thing. The same key with another request is a conflict.
 */
export async function onceForKey<T>(
  db: Db,
  scope: string,
  key: string | undefined,
  request: unknown,
  create: (trx: Db) => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T>> {
  if (key === undefined) {
    return inTransaction(db, async (trx) => {
      const result = await create(trx)
      await result.last?.(trx)
      return result
    })
  }
  const requestHash = await sha256Hex(JSON.stringify(request))
  return inTransaction(db, async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: requestHash, response_status: 0, response_body: {} })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst()
    if (!claimed) {
      const stored = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response_status', 'response_body'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
      if (stored.request_hash !== requestHash) {
        throw new ApiError(
          'conflict',
          'This Idempotency-Key was already used with a different request.',
        )
      }
      return { status: stored.response_status, body: stored.response_body as T }
    }
    const result = await create(trx)
    await trx
      .updateTable('idempotency_keys')
      .set({
        response_status: result.status,
        response_body: result.replayBody ?? result.body,
      })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute()
    await result.last?.(trx)
    return result
  })
}
