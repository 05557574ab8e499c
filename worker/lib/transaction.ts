import type { Db } from '../../db/client'
import { ApiError } from '../errors'

/** deadlock_detected and serialization_failure: the same work succeeds when run again */
const retryableCodes = new Set(['40P01', '40001'])
const maxAttempts = 3

export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && retryableCodes.has(code)
}

/**
 * Runs `work` in a transaction, again (up to three times in all, after a short random pause) when
 * Postgres ended it to break a deadlock or a serialization conflict; past that the caller gets a
 * clean 503 with Retry-After, never a 500. `work` must only touch the database, so running it
 * again is safe.
 */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work)
    } catch (err) {
      if (!isRetryableConflict(err)) throw err
      if (attempt >= maxAttempts) {
        throw new ApiError('unavailable', 'The service is busy; try again in a moment.', [], {
          'Retry-After': '1',
        })
      }
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt))
    }
  }
}
