import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { TextRow } from '../../db/schema'
import { inTransaction } from '../lib/transaction'
import { noteWindowMs } from '../lib/note-window'
import { phoneHashOf } from './outbox'
import { candidateTimeZone, quietUntil } from './quiet-hours'

/** how long a claimed text waits before another run may assume its sender died */
const leaseMs = 2 * 60_000

/**
 * The time leases count from: the run's time, but never behind the clock (the cron's time is when
 * it was scheduled, and the email drain may have run for most of a minute since).
 */
export const leaseClock = (now: Date) => new Date(Math.max(now.getTime(), Date.now()))

export interface ClaimedText {
  text: TextRow
  /** its last attempt had no answer: it is looked up in Twilio, not sent */
  unanswered: boolean
}

export interface TextClaims {
  /** leased for one Twilio call each, in due order */
  claimed: ClaimedText[]
  /** how many due texts were canceled, skipped or put off (quiet hours) instead */
  settled: number
}

/** Due texts with everything the decision needs, locked. */
function dueTexts(
  trx: Db,
  now: Date,
  sender: string | null,
  limit: number,
  textId: string | undefined,
) {
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
      'i.candidate_time_zone',
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
    .limit(limit)
    .forUpdate('t')
    .skipLocked()
    .execute()
}

type DueText = Awaited<ReturnType<typeof dueTexts>>[number]

/**
 * Whether the text's last attempt (if any) is known to have failed. One with no answer, or whose
 * lease ran out with its sender gone, may have gone: it is looked up in Twilio, not decided on.
 */
const answered = (text: DueText) => text.unanswered_since === null && text.state === 'queued'

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

/** What becomes of a due text whose last attempt was answered: why it stops, when it wakes, or go. */
function decide(text: DueText, now: Date, texting: boolean) {
  const stop = stopReason(text, now, texting)
  if (stop) return { state: stop[1], last_error: stop[0] }
  const timeZone = candidateTimeZone({
    candidate: text.candidate_time_zone,
    agency: text.agency_time_zone,
  })
  const wakes = quietUntil(now, timeZone, { start: text.sms_quiet_start, end: text.sms_quiet_end })
  return wakes ? { state: 'queued' as const, next_attempt_at: wakes } : null
}

/**
 * Takes up to `limit` due texts, each exactly once: the rows are locked (skipping any another
 * run holds) and, in the same transaction, each is either leased for one call or settled. A text
 * whose last attempt had no answer is leased only to be looked up (it may have gone); any other
 * is checked right before it is leased: one that must not go any more (the interview canceled,
 * the person erased, consent withdrawn, the number opted out, texts turned off, a reminder no
 * longer needed) is canceled or skipped, and one inside the candidate's quiet hours waits until
 * they end. With `textId` (the send straight after a request) only that text, and only while no
 * attempt has touched it.
 */
export async function claimTexts(
  db: Db,
  now: Date,
  sender: string | null,
  options: { limit: number; textId?: string },
): Promise<TextClaims> {
  return inTransaction(db, async (trx) => {
    const due = await dueTexts(trx, now, sender, options.limit, options.textId)
    const go: DueText[] = []
    for (const text of due) {
      const change = answered(text) ? decide(text, now, sender !== null) : null
      if (!change) go.push(text)
      else await trx.updateTable('texts').set(change).where('id', '=', text.id).execute()
    }
    if (go.length === 0) return { claimed: [], settled: due.length }
    const leased = await trx
      .updateTable('texts')
      .set({
        state: 'sending',
        // a look-up of an unanswered attempt is not another attempt to send
        attempts: sql`attempts + case when unanswered_since is null and state = 'queued' then 1 else 0 end`,
        // a lease that ran out may have sent: looked up from when it was taken, never re-sent blind
        unanswered_since: sql`coalesce(unanswered_since, case when state = 'sending' then next_attempt_at - ${sql.lit(`${leaseMs} milliseconds`)}::interval end)`,
        next_attempt_at: new Date(leaseClock(now).getTime() + leaseMs),
        sender,
      })
      .where(
        'id',
        'in',
        go.map((t) => t.id),
      )
      .returningAll()
      .execute()
    const byId = new Map(leased.map((row) => [row.id, row]))
    return {
      claimed: go.map((t) => ({ text: byId.get(t.id)!, unanswered: !answered(t) })),
      settled: due.length - go.length,
    }
  })
}

/**
 * Gives leased texts back untried (a run that stopped early): queued, due now, the attempt not
 * counted. Only texts still leased are touched.
 */
export async function releaseTexts(db: Db, texts: TextRow[], now: Date) {
  if (texts.length === 0) return
  await db
    .updateTable('texts')
    .set({
      state: 'queued',
      attempts: sql`attempts - case when unanswered_since is null then 1 else 0 end`,
      next_attempt_at: now,
    })
    .where(
      'id',
      'in',
      texts.map((t) => t.id),
    )
    .where('state', '=', 'sending')
    .execute()
}

/**
 * Takes the lease on a claimed text again right before its call: only while the text is still
 * ours (not re-leased by a later run after ours ran out, not canceled or forgotten meanwhile by a
 * cancel or an erasure) and its number has not replied STOP since the claim. False: do not call.
 */
export async function renewLease(db: Db, text: TextRow, now: Date): Promise<boolean> {
  const renewed = await db
    .updateTable('texts as t')
    .set({ next_attempt_at: new Date(leaseClock(now).getTime() + leaseMs) })
    .where('t.id', '=', text.id)
    .where('t.state', '=', 'sending')
    .where('t.next_attempt_at', '=', text.next_attempt_at)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sms_opt_outs as o')
            .select(sql`1`.as('one'))
            .where('o.sender', '=', text.sender ?? '')
            .where('o.phone_hash', '=', phoneHashOf('t.to_phone')),
        ),
      ),
    )
    .returning('t.next_attempt_at')
    .executeTakeFirst()
  if (renewed) text.next_attempt_at = renewed.next_attempt_at
  return renewed !== undefined
}
