import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import type { ExternalRef } from '../schemas/interview'

// An interview's reference to its record in another system: one interview per agency, system
// and id, however the interview came (the API or an integration).

/** The agency's interview tied to this record of another system, however it came. */
export async function interviewIdOfRef(
  db: Db,
  agencyId: string,
  ref: ExternalRef,
): Promise<string | null> {
  const row = await db
    .selectFrom('interviews')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('external_system', '=', ref.system)
    .where('external_id', '=', ref.id)
    .executeTakeFirst()
  return row?.id ?? null
}

/**
 * The agency's interviews whose records sit under `ref.id`, a parent record's id ending in "/"
 * (an ATS application or opportunity: `<parent>/<interview>`), in a stable order for locking.
 */
export async function interviewIdsUnder(
  db: Db,
  agencyId: string,
  ref: ExternalRef,
): Promise<string[]> {
  const pattern = `${ref.id.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await db
    .selectFrom('interviews')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('external_system', '=', ref.system)
    .where('external_id', 'like', pattern)
    .orderBy('id')
    .execute()
  return rows.map((row) => row.id)
}

/** The 409 for a create whose external reference the agency already has. */
export async function externalRefTaken(trx: Db, agencyId: string, ref: ExternalRef) {
  const existing = await interviewIdOfRef(trx, agencyId, ref)
  return new ApiError(
    'conflict',
    `An interview with this externalRef exists (${existing ?? 'being logged now'}); change it with PATCH /v1/interviews/{id}.`,
  )
}
