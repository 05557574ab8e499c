import type { Db } from '../../db/client'
import type { RecruiterRow } from '../../db/schema'
import type { CreateSessionInput, Recruiter } from '../schemas/session'

export function toRecruiter(row: RecruiterRow): Recruiter {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    role: row.role,
  }
}

/** The agency's own record of a recruiter is the truth: each session refreshes ours. */
export async function upsertRecruiter(
  db: Db,
  agencyId: string,
  input: CreateSessionInput['recruiter'],
): Promise<Recruiter> {
  const values = { name: input.name, email: input.email ?? null, role: input.role }
  const row = await db
    .insertInto('recruiters')
    .values({ agency_id: agencyId, external_id: input.externalId, ...values })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'external_id']).doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  return toRecruiter(row)
}

export async function findRecruiter(db: Db, agencyId: string, recruiterId: string) {
  const row = await db
    .selectFrom('recruiters')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', recruiterId)
    .executeTakeFirst()
  return row ? toRecruiter(row) : null
}
