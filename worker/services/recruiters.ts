import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { RecruiterRow } from '../../db/schema'
import { ApiError } from '../errors'
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

/**
 * The agency's own record of a recruiter is the truth: each session refreshes ours. A new role
 * moves the recruiter's session version on, which ends the sessions minted for the old one.
 */
export async function upsertRecruiter(
  db: Db,
  agencyId: string,
  input: CreateSessionInput['recruiter'],
): Promise<{ recruiter: Recruiter; sessionVersion: number }> {
  const values = { name: input.name, email: input.email ?? null, role: input.role }
  const row = await db
    .insertInto('recruiters')
    .values({ agency_id: agencyId, external_id: input.externalId, ...values })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'external_id']).doUpdateSet({
        ...values,
        updated_at: new Date(),
        session_version: sql<number>`case when recruiters.role = excluded.role
          then recruiters.session_version else recruiters.session_version + 1 end`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  return { recruiter: toRecruiter(row), sessionVersion: row.session_version }
}

/** The agency's recruiters by name (at most `limit`), as filters and tables offer them. */
export async function listRecruiters(db: Db, agencyId: string, limit = 1_000) {
  const rows = await db
    .selectFrom('recruiters')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute()
  return { data: rows.map(toRecruiter) }
}

/**
 * Ends every session of the agency's recruiter with this external id, by moving their session
 * version on; null when the agency has no such recruiter.
 */
export async function signOutRecruiter(
  db: Db,
  agencyId: string,
  externalId: string,
): Promise<Recruiter | null> {
  const row = await db
    .updateTable('recruiters')
    .set((eb) => ({ session_version: eb('session_version', '+', 1), updated_at: new Date() }))
    .where('agency_id', '=', agencyId)
    .where('external_id', '=', externalId)
    .returningAll()
    .executeTakeFirst()
  return row ? toRecruiter(row) : null
}

/**
 * The recruiter a new interview is logged for: the session's own, or with a secret key the one
 * named by the agency's externalId (none when it names none).
 */
export async function recruiterFor(
  db: Db,
  agencyId: string,
  sessionRecruiterId: string | null,
  externalId: string | undefined,
): Promise<{ id: string; name: string; email: string | null } | null> {
  const agencyRecruiters = db
    .selectFrom('recruiters')
    .select(['id', 'name', 'email'])
    .where('agency_id', '=', agencyId)
  if (sessionRecruiterId) {
    if (externalId !== undefined) {
      throw new ApiError('validation_failed', 'The request body is not valid.', [
        {
          path: 'recruiterExternalId',
          message: 'Only a secret key may log on behalf of a recruiter.',
        },
      ])
    }
    return agencyRecruiters.where('id', '=', sessionRecruiterId).executeTakeFirstOrThrow()
  }
  if (externalId === undefined) return null
  const recruiter = await agencyRecruiters.where('external_id', '=', externalId).executeTakeFirst()
  if (!recruiter) {
    throw new ApiError('validation_failed', 'The request body is not valid.', [
      {
        path: 'recruiterExternalId',
        message:
          'No recruiter with this id yet; recruiters are added when a session is minted for them.',
      },
    ])
  }
  return recruiter
}

/** The agency's own id for each of its recruiters, by our id: what its exports name them by. */
export async function recruiterExternalIds(db: Db, agencyId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('recruiters')
    .select(['id', 'external_id'])
    .where('agency_id', '=', agencyId)
    .execute()
  return new Map(rows.map((r) => [r.id, r.external_id]))
}
