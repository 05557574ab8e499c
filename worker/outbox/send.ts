import type { Db } from '../../db/client'
import type { EmailRow } from '../../db/schema'
import type { Mailer, SendOutcome } from '../email/mailer'
import type { Variables } from '../env'
import { issueCoachingLinks, linkTokenFor, withLinkToken } from '../services/coaching-links'
import { claim, type Claimed } from './claim'

export const maxAttempts = 8

/** 30 s, 1 min, 2 min … capped at an hour; never sooner than the provider's Retry-After. */
export function retryDelayMs(attempts: number, retryAfterSeconds: number | null): number {
  const backoff = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000)
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000)
}

export interface SendOptions {
  /** derives each message's link token (LINK_SECRET) */
  linkSecret: string
}

/**
 * The claimed messages as the provider gets them: each interview's link issued (its hash stored)
 * and its token put into the message. Tokens exist only here, on the way out.
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

/**
 * Records how an attempt ended. A key stays on an email whose fate is unknown, so the retry is
 * recognisable to Resend; after a clear refusal the email may be regrouped under a new key. A
 * sent email is recorded as sent whatever happened meanwhile: it went.
 */
async function settle(db: Db, claimed: Claimed, outcome: SendOutcome, mailer: Mailer, now: Date) {
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
    .where(
      'id',
      'in',
      claimed.rows.map((r) => r.id),
    )
    // an erasure while the call was out canceled the message and forgot it: it stays so
    .where('state', '=', 'sending')
    .execute()
}

/** One provider call for the claimed emails, its outcome recorded. */
async function sendClaimed(
  db: Db,
  mailer: Mailer,
  claimed: Claimed,
  options: SendOptions,
  now: Date,
): Promise<SendOutcome> {
  const messages = await outgoingOf(db, claimed.rows, options.linkSecret)
  const key = claimed.rows[0]!.send_key!
  const outcome = key.startsWith('email/')
    ? await mailer.send(messages[0]!, key)
    : await mailer.sendBatch(messages, key)
  await settle(db, claimed, outcome, mailer, now)
  return outcome
}

/**
 * Sends one email now (right after the request that queued it, once its transaction committed).
 * Only a queued, due email that no attempt has touched is taken; if this fails or never runs,
 * the cron sends it.
 */
export async function deliverEmail(
  db: Db,
  mailer: Mailer,
  emailId: string,
  options: SendOptions,
  now = new Date(),
) {
  const claimed = await claim(db, now, emailId)
  if (claimed) await sendClaimed(db, mailer, claimed, options, now)
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
    const claimed = await claim(db, now)
    if (!claimed) break
    const wait = lastCall + spacingMs - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    lastCall = Date.now()
    const outcome = await sendClaimed(db, mailer, claimed, options, now)
    report.calls += 1
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

/** What a request brings to send mail after its response: its `c.var` has it. */
export type RequestMailing = Pick<Variables, 'config' | 'mailer' | 'afterResponse'>

/**
 * Sends a queued email straight after the response, on the request's client; should that fail
 * or never run, the cron sends it.
 */
export function sendAfterResponse(request: RequestMailing, emailId: string) {
  const { mailer, config } = request
  request.afterResponse((db) =>
    deliverEmail(db, mailer, emailId, { linkSecret: config.linkSecret }),
  )
}
