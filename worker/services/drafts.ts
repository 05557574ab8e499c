import type { Db } from '../../db/client'
import type { LinkTarget } from './coaching-links'

/**
 * Keeps the candidate's note to one interviewer, replacing the last one. Null when the
 * interviewer is not part of the link's interview, so nothing is written for a foreign id.
 */
export async function saveDraft(
  db: Db,
  target: LinkTarget,
  interviewerId: string,
  body: string,
  now = new Date(),
): Promise<{ interviewerId: string; updatedAt: string } | null> {
  const person = await db
    .selectFrom('interviewers')
    .select('id')
    .where('id', '=', interviewerId)
    .where('interview_id', '=', target.interviewId)
    .executeTakeFirst()
  if (!person) return null
  await db
    .insertInto('drafts')
    .values({
      interviewer_id: person.id,
      interview_id: target.interviewId,
      body,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('interviewer_id').doUpdateSet({ body, updated_at: now }))
    .execute()
  return { interviewerId: person.id, updatedAt: now.toISOString() }
}
