import type { Db } from '../../db/client'
import type { TextRow } from '../../db/schema'
import type { Config } from '../config'
import { retryDelayMs } from '../outbox/send'
import type { RequestMailing } from '../outbox/send'
import { fillLinkToken, issueCoachingLinks, linkTokenFor } from '../services/coaching-links'
import { claimTexts, leaseClock, releaseTexts, renewLease, type ClaimedText } from './claim'
import { optOut } from './outbox'
import { LookupRefused, texterFor, type FoundText, type Texter, type TextOutcome } from './twilio'
import { stateOfStatus } from './webhook-events'

/** calls that send (a look-up of one whose answer was lost is not counted) */
export const maxTextAttempts = 10

// Exactly once. A text is leased to one sender at a time (claim.ts). Twilio takes no idempotency
// key, so a call without a clear answer (a timeout, a dropped connection, a cut-off body, a 5xx
// a proxy may send after Twilio took it) marks the text `unanswered_since`, and it is never simply
// sent again: at its next turn, at least 30
// seconds later, Twilio's list of messages to the number is searched for the exact body (which
// carries the interview's own link, so no other text has it). Found: it went, and is recorded
// with Twilio's sid. Not found: it is queued again and goes through every check before another
// call. What remains is a call Twilio takes more than 30 seconds after it was dropped; Twilio
// answers in well under a second, so we accept that.

export interface TextOptions {
  linkSecret: string
  /** where Twilio reports delivery (PUBLIC_URL + /webhooks/twilio); null: nowhere */
  statusCallback: string | null
}

/** The text as Twilio gets it: its token in the link (made to work before: sendBatch). */
async function bodyOf(text: TextRow, linkSecret: string): Promise<string> {
  return fillLinkToken(text.body!, await linkTokenFor(linkSecret, text.interview_id))
}

/**
 * Records a text as gone, whatever happened to its row meanwhile: it went. A text found by a
 * look-up takes the status Twilio has for it now, which no callback may bring again.
 */
async function recordSent(
  db: Db,
  text: TextRow,
  sid: string,
  captured: boolean,
  now: Date,
  found?: FoundText,
) {
  await db
    .updateTable('texts')
    .set({
      state: captured ? 'captured' : 'sent',
      last_error: null,
      // after the rest: an undelivered or failed status keeps its error
      ...(found ? { ...stateOfStatus(found.status), status_at: now } : {}),
      provider_sid: sid,
      sent_at: now,
      unanswered_since: null,
    })
    .where('id', '=', text.id)
    .execute()
}

/** Records an attempt that did not send the text: queued again with backoff, or failed. */
async function recordFailure(
  db: Db,
  text: TextRow,
  outcome: Extract<TextOutcome, { ok: false }>,
  now: Date,
  attemptStartedAt: Date,
) {
  const final = !outcome.retryable || text.attempts >= maxTextAttempts
  if (outcome.optedOut && text.to_phone && text.sender) await optOut(db, text.sender, text.to_phone)
  await db
    .updateTable('texts')
    .set({
      state: final ? 'failed' : 'queued',
      last_error: outcome.error,
      // from when the call ended, so a look-up comes at least the delay after it
      next_attempt_at: new Date(
        leaseClock(now).getTime() + retryDelayMs(text.attempts, outcome.retryAfterSeconds),
      ),
      ...(outcome.ambiguous ? { unanswered_since: text.unanswered_since ?? attemptStartedAt } : {}),
    })
    .where('id', '=', text.id)
    // an erasure while the call was out canceled and forgot it: it stays so
    .where('state', '=', 'sending')
    .execute()
}

/** One Twilio call for a claimed text (or one look-up of an unanswered one), its outcome recorded. */
async function sendClaimed(
  db: Db,
  texter: Texter,
  text: TextRow,
  unanswered: boolean,
  options: TextOptions,
  now: Date,
): Promise<TextOutcome | 'requeued'> {
  const body = await bodyOf(text, options.linkSecret)
  if (unanswered) {
    let found: FoundText | null
    try {
      found = await texter.findSent(text.to_phone!, body, text.unanswered_since!)
    } catch (err) {
      const error = `looking it up: ${err instanceof Error ? err.message : String(err)}`
      const outcome = {
        ok: false,
        ambiguous: true,
        // refused (say, a key that may not read messages): asking again will not help
        retryable: !(err instanceof LookupRefused),
        retryAfterSeconds: null,
        optedOut: false,
        error,
      } as const
      await recordFailure(db, text, outcome, now, text.unanswered_since!)
      return outcome
    }
    if (found) {
      await recordSent(db, text, found.sid, texter.captures, now, found)
      return { ok: true, sid: found.sid }
    }
    // it never reached Twilio: checked again from the start, then sent
    await db
      .updateTable('texts')
      .set({ state: 'queued', unanswered_since: null, next_attempt_at: now })
      .where('id', '=', text.id)
      .where('state', '=', 'sending')
      .execute()
    return 'requeued'
  }
  // still ours, still wanted: else a later run (or nobody) decides what becomes of it
  if (!(await renewLease(db, text, now))) return 'requeued'
  const startedAt = new Date()
  const outcome = await texter.send({
    to: text.to_phone!,
    body,
    statusCallback: options.statusCallback,
  })
  if (outcome.ok) await recordSent(db, text, outcome.sid, texter.captures, now)
  else await recordFailure(db, text, outcome, now, startedAt)
  return outcome
}

export interface TextDrainReport {
  calls: number
  sent: number
  failed: number
}

/** failed calls in a row after which a run leaves the rest for the next */
const failuresInARow = 3

/**
 * Sends claimed texts one by one, at most `callsPerSecond`, counting into `report`. Stops when
 * Twilio says to slow down (429) or fails several calls in a row, and gives back what it did not
 * try. Returns whether it went through them all.
 */
async function sendBatch(
  db: Db,
  texter: Texter,
  claims: ClaimedText[],
  options: TextOptions & { callsPerSecond?: number },
  now: Date,
  report: TextDrainReport,
): Promise<boolean> {
  await issueCoachingLinks(
    db,
    options.linkSecret,
    claims.map((c) => c.text.interview_id),
  )
  // a millisecond of slack, so jitter on the way never lands one call too many in a second
  const spacingMs = 1000 / (options.callsPerSecond ?? 10) + 1
  let lastCall = 0
  let failing = 0
  for (const [index, { text, unanswered }] of claims.entries()) {
    const wait = lastCall + spacingMs - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    lastCall = Date.now()
    const outcome = await sendClaimed(db, texter, text, unanswered, options, now)
    report.calls += 1
    if (outcome === 'requeued') continue
    if (outcome.ok) {
      report.sent += 1
      failing = 0
      continue
    }
    report.failed += 1
    failing += 1
    if (outcome.retryAfterSeconds !== null || failing >= failuresInARow) {
      await releaseTexts(
        db,
        claims.slice(index + 1).map((c) => c.text),
        now,
      )
      return false
    }
  }
  return true
}

/**
 * Sends one text now (straight after the request that queued it). Only a queued, due text no
 * attempt has touched is taken; if it is put off or this never runs, the cron sends it.
 */
export async function deliverText(
  db: Db,
  texter: Texter | null,
  textId: string,
  options: TextOptions,
  now = new Date(),
) {
  const { claimed } = await claimTexts(db, now, texter?.sender ?? null, { limit: 1, textId })
  if (claimed.length > 0 && texter) {
    await sendBatch(db, texter, claimed, options, now, { calls: 0, sent: 0, failed: 0 })
  }
}

/** texts claimed per transaction by the cron */
const batchSize = 25

/**
 * The cron's texts run: due texts in batches, at most `maxCalls` Twilio calls at most
 * `callsPerSecond`. A failure here and there does not hold up the other texts; the run stops
 * when Twilio says to slow down (429) or fails several calls in a row.
 */
export async function drainTexts(
  db: Db,
  texter: Texter | null,
  now: Date,
  options: TextOptions & { maxCalls?: number; callsPerSecond?: number },
): Promise<TextDrainReport> {
  const report: TextDrainReport = { calls: 0, sent: 0, failed: 0 }
  const maxCalls = options.maxCalls ?? 100
  // texts put off or canceled cost no call; the bound keeps a run finite all the same
  for (let turns = 0; report.calls < maxCalls && turns < 100; turns++) {
    const limit = Math.min(batchSize, maxCalls - report.calls)
    const { claimed, settled } = await claimTexts(db, now, texter?.sender ?? null, { limit })
    if (claimed.length === 0 && settled === 0) break
    if (claimed.length === 0 || !texter) continue
    if (!(await sendBatch(db, texter, claimed, options, now, report))) break
  }
  return report
}

/** Where Twilio reports on the texts: the public URL's webhook; none without a public URL. */
export function statusCallbackOf(publicUrl: string | null): string | null {
  return publicUrl ? `${publicUrl}/webhooks/twilio` : null
}

/** The options a run of the outbox sends texts with. */
export function textOptionsOf(config: Config): TextOptions {
  return { linkSecret: config.linkSecret, statusCallback: statusCallbackOf(config.publicUrl) }
}

/** Sends a queued text straight after the response; should that fail or never run, the cron does. */
export function sendTextAfterResponse(request: RequestMailing, textId: string) {
  const { config } = request
  request.afterResponse((db) =>
    deliverText(db, texterFor(config.sms), textId, textOptionsOf(config)),
  )
}
