import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { EmailRow } from '../../db/schema'
import { maxBatchSize, type Mailer, type SendOutcome } from './mailer'
import { noteWindowMs } from '../lib/note-window'
import { issueCoachingLinks, linkTokenFor, withLinkToken } from '../services/coaching-links'
import { inTransaction } from '../lib/transaction'

export const maxAttempts = 8
/** how long a claimed email waits before another run may assume its sender died */
const leaseMs = 2 * 60_000

/** 30 s, 1 min, 2 min … capped at an hour; never sooner than the provider's Retry-After. */
export function retryDelayMs(attempts: number, retryAfterSeconds: number | null): number {
  const backoff = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000)
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000)
}

interface Claimed {
  rows: EmailRow[]
  /** the key was set by an earlier attempt whose outcome is unknown: it must be kept */
  keyWasPending: boolean
}

/**
 * Records how an attempt ended. A key stays on an email whose fate is unknown, so the retry is
 * recognisable to Resend; after a clear refusal the email may be regrouped under a new key.
 */
async function settle(db: Db, claimed: Claimed, outcome: SendOutcome, mailer: Mailer, now: Date) {
  const ids = claimed.rows.map((r) => r.id)
  if (outcome.ok) {
    await Promise.all(
      claimed.rows.map((row, i) =>
        db
          .updateTable('emails')
          .set({
            state: mailer.captures ? 'captured' : 'sent',
            provider_id: outcome.providerIds[i] ?? null,
            sent_at: now,
            send_key: null,
            last_error: null,
          })
          .where('id', '=', row.id)
          .execute(),
      ),
    )
    return
  }
  const attempts = Math.max(...claimed.rows.map((r) => r.attempts))
  const final = !outcome.retryable || attempts >= maxAttempts
  await db
    .updateTable('emails')
    .set({
      state: final ? 'failed' : 'queued',
      last_error: outcome.error,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts, outcome.retryAfterSeconds)),
      ...(outcome.ambiguous || claimed.keyWasPending ? {} : { send_key: null }),
    })
    .where('id', 'in', ids)
    .execute()
}

/**
 * Cancels due, untouched messages that must not go any more: the candidate was erased or
 * unsubscribed, or the address is suppressed (bounce, complaint, unsubscribe). Run at every claim,
 * so a message queued a moment before any of these never leaves; one whose earlier attempt had no
 * answer keeps its key and is retried as it was (Resend recognises the repeat).
 */
async function cancelUndeliverable(trx: Db, now: Date, emailId?: string) {
  await sql`
    update emails e set state = 'canceled', last_error = 'Not sent: the candidate asked not to get mail, was erased, or the address is suppressed.'
    from interviews i join candidates c on c.id = i.candidate_id
    where i.id = e.interview_id
      and e.state = 'queued' and e.send_key is null and e.next_attempt_at <= ${now}
      ${emailId ? sql`and e.id = ${emailId}` : sql``}
      and (
        c.erased_at is not null or c.email is null or c.unsubscribed_at is not null
        or exists (
          select 1 from suppressions s
          where s.agency_id = e.agency_id
            and s.email_hash = encode(sha256(convert_to(c.email, 'UTF8')), 'hex')
        )
      )
  `.execute(trx)
}

/**
 * The claimed messages as the provider gets them: each interview's link issued (its hash stored)
 * and its token put into the message.
 */
async function outgoingOf(db: Db, rows: EmailRow[], linkSecret: string) {
  await issueCoachingLinks(
    db,
    linkSecret,
    rows.map((r) => r.interview_id),
  )
  return Promise.all(
    rows.map(async (row) =>
      withLinkToken(row.message!, await linkTokenFor(linkSecret, row.interview_id)),
    ),
  )
}

export interface SendOptions {
  /** derives each message's link token (LINK_SECRET) */
  linkSecret: string
}

/**
 * Sends one email now (right after its interview is logged). Only a queued, due email that no
 * attempt has touched is taken, so this never races the cron for the same message.
 */
export async function deliverEmail(
  db: Db,
  mailer: Mailer,
  emailId: string,
  options: SendOptions,
  now = new Date(),
) {
  const row = await inTransaction(db, async (trx) => {
    await cancelUndeliverable(trx, now, emailId)
    return trx
      .updateTable('emails')
      .set({
        state: 'sending',
        attempts: sql`attempts + 1`,
        next_attempt_at: new Date(now.getTime() + leaseMs),
        send_key: `email/${emailId}`,
      })
      .where('id', '=', emailId)
      .where('state', '=', 'queued')
      .where('send_key', 'is', null)
      .where('next_attempt_at', '<=', now)
      .returningAll()
      .executeTakeFirst()
  })
  if (!row?.message) return
  const [message] = await outgoingOf(db, [row], options.linkSecret)
  const outcome = await mailer.send(message!, row.send_key!)
  await settle(db, { rows: [row], keyWasPending: false }, outcome, mailer, now)
}

/**
 * Claims the next group to send: first any group an unknown outcome left with a key (retried
 * exactly as it was), else up to 100 due emails under a fresh key. Reminders whose moment has
 * passed (a note was marked sent, the window closed) are skipped on the way.
 */
async function claimNext(db: Db, now: Date): Promise<Claimed | null> {
  return inTransaction(db, async (trx) => {
    const keyed = await trx
      .selectFrom('emails')
      .select('send_key')
      .where('state', 'in', ['queued', 'sending'])
      .where('next_attempt_at', '<=', now)
      .where('send_key', 'is not', null)
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst()
    let rows: EmailRow[]
    let key: string
    if (keyed?.send_key) {
      key = keyed.send_key
      rows = await trx
        .selectFrom('emails')
        .selectAll()
        .where('send_key', '=', key)
        .orderBy('id')
        .forUpdate()
        .execute()
    } else {
      await cancelUndeliverable(trx, now)
      await skipStaleReminders(trx, now)
      rows = await trx
        .selectFrom('emails')
        .selectAll()
        .where('state', 'in', ['queued', 'sending'])
        .where('next_attempt_at', '<=', now)
        .where('send_key', 'is', null)
        .where('message', 'is not', null)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(maxBatchSize)
        .forUpdate()
        .skipLocked()
        .execute()
      key = rows.length === 1 ? `email/${rows[0]!.id}` : `batch/${crypto.randomUUID()}`
    }
    if (rows.length === 0) return null
    const claimed = await trx
      .updateTable('emails')
      .set({
        state: 'sending',
        attempts: sql`attempts + 1`,
        next_attempt_at: new Date(now.getTime() + leaseMs),
        send_key: key,
      })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .returningAll()
      .execute()
    claimed.sort((a, b) => (a.id < b.id ? -1 : 1))
    return { rows: claimed, keyWasPending: Boolean(keyed?.send_key) }
  })
}

/** A due reminder goes out only while it can still help: no note sent yet, window still open. */
async function skipStaleReminders(trx: Db, now: Date) {
  await trx
    .updateTable('emails as e')
    .set({ state: 'skipped', last_error: 'Not needed any more.' })
    .from('interviews as i')
    .whereRef('i.id', '=', 'e.interview_id')
    .where('e.kind', '=', 'reminder')
    .where('e.state', '=', 'queued')
    .where('e.send_key', 'is', null)
    .where('e.next_attempt_at', '<=', now)
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

export interface DrainReport {
  calls: number
  sent: number
  failed: number
  rateLimited: boolean
}

/**
 * The cron's outbox run: sends due emails group by group, at most `maxCalls` provider calls, at
 * most `callsPerSecond`, and stops early when the provider says to slow down.
 */
export async function drainOutbox(
  db: Db,
  mailer: Mailer,
  now: Date,
  options: SendOptions & { maxCalls?: number; callsPerSecond?: number },
): Promise<DrainReport> {
  const report: DrainReport = { calls: 0, sent: 0, failed: 0, rateLimited: false }
  // a few milliseconds of slack, so jitter on the way never lands one call too many in a second
  const spacingMs = 1000 / (options.callsPerSecond ?? 2) + 5
  let lastCall = 0
  while (report.calls < (options.maxCalls ?? 20)) {
    const claimed = await claimNext(db, now)
    if (!claimed) break
    const wait = lastCall + spacingMs - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    lastCall = Date.now()
    const messages = await outgoingOf(db, claimed.rows, options.linkSecret)
    const key = claimed.rows[0]!.send_key!
    const outcome = key.startsWith('email/')
      ? await mailer.send(messages[0]!, key)
      : await mailer.sendBatch(messages, key)
    report.calls += 1
    await settle(db, claimed, outcome, mailer, now)
    if (outcome.ok) {
      report.sent += claimed.rows.length
    } else {
      report.failed += claimed.rows.length
      report.rateLimited ||= outcome.retryAfterSeconds !== null
      // the provider is failing or throttling: the rest waits for the next run
      if (outcome.retryable) break
    }
  }
  return report
}
