import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { TextRow } from '../../db/schema'
import { inTransaction } from '../lib/transaction'
import { noteWindowMs } from '../lib/note-window'
import { phoneHashOf } from './outbox'
import { candidateTimeZone, quietUntil } from './quiet-hours'

/** how long a claimed text waits before another run may assume its sender died */
const leaseMs = 2 * 60_000

/** What was decided about the next due text. */
export type TextClaim =
  /** leased for one Twilio call, or (when `unanswered`) for looking up an earlier one */
  | { kind: 'claimed'; text: TextRow; unanswered: boolean }
  /** canceled, skipped or put off (quiet hours): the next one may be claimed */
  | { kind: 'settled' }
  | { kind: 'none' }

/** A due text with everything the decision needs, locked. */
function dueText(trx: Db, now: Date, textId: string | undefined, sender: string | null) {
  return trx
    .selectFrom('texts as t')
    .innerJoin('interviews as i', 'i.id', 't.interview_id')
    .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
    .innerJoin('agencies as a', 'a.id', 't.agency_id')
    .selectAll('t')
    .select([
      'i.canceled_at',
      'i.ends_at',
      'c.sms_consent',
      'c.erased_at',
      'c.unsubscribed_at',
      'a.sms_enabled',
      'a.sms_messages',
      'a.sms_quiet_start',
      'a.sms_quiet_end',
      'a.time_zone as agency_time_zone',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('sms_opt_outs as o')
              .select(sql`1`.as('one'))
              .where('o.sender', '=', sender ?? '')
              .where('o.phone_hash', '=', phoneHashOf('t.to_phone')),
          )
          .as('opted_out'),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('interviewers as p')
              .select(sql`1`.as('one'))
              .whereRef('p.interview_id', '=', 'i.id')
              .where('p.note_sent_at', 'is not', null),
          )
          .as('note_sent'),
    ])
    .where('t.state', 'in', ['queued', 'sending'])
    .where('t.next_attempt_at', '<=', now)
    .$if(textId !== undefined, (qb) =>
      qb.where('t.id', '=', textId!).where('t.state', '=', 'queued').where('t.attempts', '=', 0),
    )
    .orderBy('t.next_attempt_at')
    .orderBy('t.id')
    .limit(1)
    .forUpdate('t')
    .skipLocked()
    .executeTakeFirst()
}

type DueText = NonNullable<Awaited<ReturnType<typeof dueText>>>

/** Why a due text must not go any more, or null when it may. */
function stopReason(
  text: DueText,
  now: Date,
  texting: boolean,
): [string, 'canceled' | 'skipped'] | null {
  if (!texting) return ['Not sent: texts are not set up (Twilio).', 'canceled']
  if (text.canceled_at) return ['Not sent: the interview was canceled.', 'canceled']
  if (text.erased_at || !text.to_phone)
    return ["Not sent: the candidate's data was erased.", 'canceled']
  if (!text.sms_consent) return ['Not sent: the candidate has not agreed to texts.', 'canceled']
  if (text.unsubscribed_at) return ['Not sent: the candidate unsubscribed.', 'canceled']
  if (!text.sms_enabled || !text.sms_messages.includes(text.kind)) {
    return ['Not sent: the agency does not send this by text.', 'canceled']
  }
  if (text.opted_out) return ['Not sent: the number replied STOP.', 'canceled']
  const stale =
    text.kind === 'reminder' &&
    (text.note_sent || text.ends_at.getTime() <= now.getTime() - noteWindowMs)
  return stale ? ['Not needed any more.', 'skipped'] : null
}

/**
 * Takes the next due text, exactly once: the row is locked (skipping any another run holds) and,
 * in the same transaction, either leased for one call or settled. A text whose last attempt had
 * no answer is leased only to be looked up (it may have gone); any other is checked right before
 * it is leased: one that must not go any more (the interview canceled, the person erased, consent
 * withdrawn, the number opted out, texts turned off, a reminder no longer needed) is canceled or
 * skipped, and one inside the candidate's quiet hours waits until they end. With `textId` (the
 * send straight after a request) only that text, and only while no attempt has touched it.
 */
export async function claimText(
  db: Db,
  now: Date,
  sender: string | null,
  textId?: string,
): Promise<TextClaim> {
  return inTransaction(db, async (trx) => {
    const text = await dueText(trx, now, textId, sender)
    if (!text) return { kind: 'none' }
    const unanswered = text.unanswered_since !== null
    if (!unanswered) {
      const stop = stopReason(text, now, sender !== null)
      if (stop) {
        await trx
          .updateTable('texts')
          .set({ state: stop[1], last_error: stop[0] })
          .where('id', '=', text.id)
          .execute()
        return { kind: 'settled' }
      }
      const timeZone = candidateTimeZone({ agency: text.agency_time_zone })
      const wakes = quietUntil(now, timeZone, {
        start: text.sms_quiet_start,
        end: text.sms_quiet_end,
      })
      if (wakes) {
        await trx
          .updateTable('texts')
          .set({ state: 'queued', next_attempt_at: wakes })
          .where('id', '=', text.id)
          .execute()
        return { kind: 'settled' }
      }
    }
    const leased = await trx
      .updateTable('texts')
      .set({
        state: 'sending',
        attempts: sql`attempts + 1`,
        next_attempt_at: new Date(now.getTime() + leaseMs),
        sender,
      })
      .where('id', '=', text.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return { kind: 'claimed', text: leased, unanswered }
  })
}
