import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { TextState } from '../../db/schema'
import { inTransaction } from '../lib/transaction'
import { optBackIn, optOut } from './outbox'

// What Twilio tells us, once its signature was checked: a reply from a candidate (STOP, START,
// HELP and their usual synonyms) or how far a text got. Each request is acted on once: a replay
// (the same MessageSid, and for a status the same status) changes nothing.

const stopWords = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
])
const startWords = new Set(['START', 'YES', 'UNSTOP'])
const helpWords = new Set(['HELP', 'INFO'])

export type TwilioEventResult =
  | { kind: 'opted_out' | 'opted_in' | 'ignored' | 'duplicate' | 'status' | 'unknown_text' }
  /** HELP: the reply to send back, naming who texts them */
  | { kind: 'help'; reply: string }

/** Acts on the request once: false when this receipt was seen before. */
async function firstReceipt(trx: Db, id: string): Promise<boolean> {
  const receipt = await trx
    .insertInto('webhook_receipts')
    .values({ id })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return receipt !== undefined
}

/** Who texted this number last: the agency named in a HELP reply. */
async function lastSenderName(trx: Db, phone: string): Promise<string | null> {
  const row = await trx
    .selectFrom('texts as t')
    .innerJoin('agencies as a', 'a.id', 't.agency_id')
    .select(['a.name', sql<string | null>`a.branding->>'senderName'`.as('sender_name')])
    .where('t.to_phone', '=', phone)
    .where('t.sent_at', 'is not', null)
    .orderBy('t.sent_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? (row.sender_name ?? row.name) : null
}

export interface InboundText {
  messageSid: string
  from: string
  /** the messaging service (or number) it was sent to: opt-outs are kept per sender */
  sender: string
  body: string
}

/**
 * A text from a candidate. STOP and its synonyms opt the number out of texts from this sender
 * at once (anything still queued to it is canceled); START and its synonyms opt it back in; HELP
 * answers who is texting and how to stop. Anything else is left alone.
 */
export async function recordInboundText(db: Db, text: InboundText): Promise<TwilioEventResult> {
  return inTransaction(db, async (trx) => {
    if (!(await firstReceipt(trx, `twilio:${text.messageSid}`))) return { kind: 'duplicate' }
    const word = text.body.trim().toUpperCase()
    if (stopWords.has(word)) {
      await optOut(trx, text.sender, text.from)
      return { kind: 'opted_out' }
    }
    if (startWords.has(word)) {
      await optBackIn(trx, text.sender, text.from)
      return { kind: 'opted_in' }
    }
    if (helpWords.has(word)) {
      const agency = (await lastSenderName(trx, text.from)) ?? 'Followthrough'
      return {
        kind: 'help',
        reply: `${agency}: texts about thank-you notes after your interviews. Reply STOP to opt out, START to opt back in.`,
      }
    }
    return { kind: 'ignored' }
  })
}

/** How far a text got, by Twilio's MessageStatus; later news never moves it back. */
const statusRank: Partial<Record<string, [TextState, number]>> = {
  sent: ['sent', 1],
  delivered: ['delivered', 2],
  undelivered: ['undelivered', 3],
  failed: ['failed', 3],
}
const rankOf: Partial<Record<TextState, number>> = { sent: 1, delivered: 2, undelivered: 3 }

/**
 * What a text Twilio took has become by its MessageStatus, as a status callback would record it:
 * delivered, undelivered or failed, with the error to show; otherwise (still on its way) sent.
 */
export function stateOfStatus(status: string, errorCode: string | null = null) {
  const [state, rank] = statusRank[status] ?? ['sent', 1]
  return {
    state,
    ...(rank === 3 ? { last_error: `Twilio: ${status} (${errorCode ?? 'no code'})` } : {}),
  }
}

export interface TextStatus {
  messageSid: string
  status: string
  errorCode: string | null
}

/** A status callback: the text's state follows it forward (queued or accepted change nothing). */
export async function recordTextStatus(db: Db, event: TextStatus): Promise<TwilioEventResult> {
  return inTransaction(db, async (trx) => {
    const receipt = `twilio:${event.messageSid}:${event.status}`
    if (!(await firstReceipt(trx, receipt))) return { kind: 'duplicate' }
    const next = statusRank[event.status]
    if (!next) return { kind: 'ignored' }
    const text = await trx
      .selectFrom('texts')
      .select(['id', 'state'])
      .where('provider_sid', '=', event.messageSid)
      .forUpdate()
      .executeTakeFirst()
    if (!text) return { kind: 'unknown_text' }
    const [, rank] = next
    if ((rankOf[text.state] ?? 0) >= rank || !['sent', 'delivered'].includes(text.state)) {
      return { kind: 'ignored' }
    }
    await trx
      .updateTable('texts')
      .set({ ...stateOfStatus(event.status, event.errorCode), status_at: new Date() })
      .where('id', '=', text.id)
      .execute()
    return { kind: 'status' }
  })
}
