import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { EmailRow } from '../../db/schema'
import { maxBatchSize } from '../email/mailer'
import { inTransaction } from '../lib/transaction'
import { noteWindowMs } from '../lib/note-window'
import { undeliverableOf } from './deliverability'

/** how long a claimed email waits before another run may assume its sender died */
const leaseMs = 2 * 60_000

export interface Claimed {
  /** the emails of one provider call, in id order, all under one Idempotency-Key */
  rows: EmailRow[]
  /** the key was set by an earlier attempt whose outcome is unknown: it must be kept */
  keyWasPending: boolean
}

/**
 * Takes the next emails for one provider call, exactly once: the rows are locked (skipping any
 * another run holds) and leased under one Idempotency-Key in the same transaction. With
 * `emailId` (the immediate send after a request) only that email, and only while it is queued,
 * due and untouched by any attempt, so it never races the cron for it. Otherwise (the cron)
 * first any group an unknown outcome left with its key, retried exactly as it was; else up to
 * 100 due emails under a fresh key. Before a fresh claim, due mail that must not go any more is
 * canceled and reminders that can no longer help are skipped.
 */
export async function claim(db: Db, now: Date, emailId?: string): Promise<Claimed | null> {
  return inTransaction(db, async (trx) => {
    const pending = emailId === undefined ? await pendingGroup(trx, now) : null
    const { ids, key } = pending ?? (await dueGroup(trx, now, emailId))
    if (ids.length === 0) return null
    const rows = await trx
      .updateTable('emails')
      .set({
        state: 'sending',
        attempts: sql`attempts + 1`,
        next_attempt_at: new Date(now.getTime() + leaseMs),
        send_key: key,
      })
      .where('id', 'in', ids)
      .returningAll()
      .execute()
    rows.sort((a, b) => (a.id < b.id ? -1 : 1))
    return { rows, keyWasPending: pending !== null }
  })
}

/** Emails due for an attempt: queued, or sending under a lease that has run out (emails_due_idx). */
function dueEmails(trx: Db, now: Date) {
  return trx
    .selectFrom('emails')
    .where('state', 'in', ['queued', 'sending'])
    .where('next_attempt_at', '<=', now)
}

/** A due group whose last attempt had no answer, locked, with the key it must be retried under. */
async function pendingGroup(trx: Db, now: Date) {
  const keyed = await dueEmails(trx, now)
    .select('send_key')
    .where('send_key', 'is not', null)
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
  if (!keyed?.send_key) return null
  const rows = await trx
    .selectFrom('emails')
    .select('id')
    .where('send_key', '=', keyed.send_key)
    .orderBy('id')
    .forUpdate()
    .execute()
  return { ids: rows.map((r) => r.id), key: keyed.send_key }
}

/** Due emails no attempt has touched (or just `emailId`), locked, with a fresh key. */
async function dueGroup(trx: Db, now: Date, emailId: string | undefined) {
  await cancelUndeliverable(trx, now, emailId)
  await skipStaleReminders(trx, now, emailId)
  const due = await dueEmails(trx, now)
    .select('id')
    .where('send_key', 'is', null)
    .where('message', 'is not', null)
    .$if(emailId !== undefined, (qb) => qb.where('id', '=', emailId!))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(maxBatchSize)
    .forUpdate()
    .skipLocked()
    .execute()
  const ids = due.map((r) => r.id)
  return { ids, key: ids.length === 1 ? `email/${ids[0]}` : `batch/${crypto.randomUUID()}` }
}

/**
 * Cancels due, untouched messages that must not go any more: the interview was canceled, or
 * (deliverability.ts) the person was erased or unsubscribed, or the address was suppressed,
 * after the message was queued. One whose
 * earlier attempt had no answer keeps its key and is retried as it was (Resend recognises the
 * repeat).
 */
async function cancelUndeliverable(trx: Db, now: Date, emailId: string | undefined) {
  await sql`
    update emails e set state = 'canceled', last_error = case
        when i.canceled_at is not null then 'Not sent: the interview was canceled.'
        else 'Not sent: the candidate asked not to get mail, was erased, or the address is suppressed.'
      end
    from interviews i join candidates c on c.id = i.candidate_id
    where i.id = e.interview_id
      and e.state = 'queued' and e.send_key is null and e.next_attempt_at <= ${now}
      ${emailId === undefined ? sql`` : sql`and e.id = ${emailId}`}
      and (i.canceled_at is not null or ${undeliverableOf('c')} is not null)
  `.execute(trx)
}

/** A due reminder goes out only while it can still help: no note sent yet, window still open. */
async function skipStaleReminders(trx: Db, now: Date, emailId: string | undefined) {
  await trx
    .updateTable('emails as e')
    .set({ state: 'skipped', last_error: 'Not needed any more.' })
    .from('interviews as i')
    .whereRef('i.id', '=', 'e.interview_id')
    .where('e.kind', '=', 'reminder')
    .where('e.state', '=', 'queued')
    .where('e.send_key', 'is', null)
    .where('e.next_attempt_at', '<=', now)
    .$if(emailId !== undefined, (qb) => qb.where('e.id', '=', emailId!))
    .where((eb) =>
      eb.or([
        eb('i.ends_at', '<=', new Date(now.getTime() - noteWindowMs)),
        eb.exists(
          eb
            .selectFrom('interviewers as p')
            .select(sql`1`.as('one'))
            .whereRef('p.interview_id', '=', 'i.id')
            .where('p.note_sent_at', 'is not', null),
        ),
      ]),
    )
    .execute()
}
