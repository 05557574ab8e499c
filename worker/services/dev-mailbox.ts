import type { Db } from '../../db/client'

/** Captured mail, newest first: what would have gone out without RESEND_API_KEY. */
export async function listCapturedEmails(db: Db, limit = 50) {
  return db
    .selectFrom('emails')
    .select(['id', 'kind', 'sent_at', 'message'])
    .where('state', '=', 'captured')
    .where('message', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(limit)
    .execute()
}

export async function findCapturedEmail(db: Db, id: string) {
  return db
    .selectFrom('emails')
    .select(['id', 'interview_id', 'message'])
    .where('id', '=', id)
    .where('state', '=', 'captured')
    .executeTakeFirst()
}

/** Captured texts, newest first: what would have gone out without Twilio's secrets. */
export async function listCapturedTexts(db: Db, limit = 50) {
  return db
    .selectFrom('texts')
    .select(['id', 'interview_id', 'kind', 'sent_at', 'to_phone', 'body', 'segments'])
    .where('state', '=', 'captured')
    .where('body', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(limit)
    .execute()
}
