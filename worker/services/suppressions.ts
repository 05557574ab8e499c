import type { Db } from '../../db/client'
import type { SuppressionReason } from '../../db/schema'
import { sha256Hex } from '../lib/crypto'

/** Addresses are compared by hash, so a suppression survives the erasure of the address. */
export function emailHash(email: string): Promise<string> {
  return sha256Hex(email.trim().toLowerCase())
}

export async function suppressAddress(
  db: Db,
  agencyId: string,
  email: string,
  reason: SuppressionReason,
): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ agency_id: agencyId, email_hash: await emailHash(email), reason })
    .onConflict((oc) => oc.columns(['agency_id', 'email_hash']).doNothing())
    .execute()
}
