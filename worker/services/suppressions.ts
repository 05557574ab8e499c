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

/** Why mail to this address is suppressed for the agency, or null when it is not. */
export async function suppressionOf(
  db: Db,
  agencyId: string,
  email: string,
): Promise<SuppressionReason | null> {
  const row = await db
    .selectFrom('suppressions')
    .select('reason')
    .where('agency_id', '=', agencyId)
    .where('email_hash', '=', await emailHash(email))
    .executeTakeFirst()
  return row?.reason ?? null
}

/**
 * Stops all mail to a candidate of an agency: the address is suppressed (unless already erased)
 * and whatever is still queued for them is canceled. Mail already being sent is left to finish,
 * so the outbox never has to reconcile a canceled row with a send whose outcome it is recording.
 */
export async function stopMailToCandidate(
  db: Db,
  agencyId: string,
  candidateId: string,
  reason: SuppressionReason,
): Promise<void> {
  const candidate = await db
    .selectFrom('candidates')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('id', '=', candidateId)
    .executeTakeFirst()
  if (candidate?.email) await suppressAddress(db, agencyId, candidate.email, reason)
  await db
    .updateTable('emails')
    .set({ state: 'canceled' })
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'queued')
    .where('interview_id', 'in', (eb) =>
      eb
        .selectFrom('interviews')
        .select('id')
        .where('agency_id', '=', agencyId)
        .where('candidate_id', '=', candidateId),
    )
    .execute()
}
