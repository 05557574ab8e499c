import type { Db } from '../../db/client'
import type { EventType } from '../../db/schema'
import { inTransaction } from '../lib/transaction'
import { stopMailToCandidate } from '../outbox/cancel'

/** The Resend event types we keep, as our event types; the rest are acknowledged and dropped. */
const eventTypes: Record<string, EventType> = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.opened': 'email_opened',
  'email.clicked': 'email_clicked',
}

export interface ProviderEvent {
  /** the delivery's svix-id: each is acted on once */
  receiptId: string
  /** Resend's type, e.g. `email.delivered` */
  type: string
  /** Resend's id of the email, as stored in emails.provider_id */
  providerEmailId: string | undefined
  /** when Resend says it happened; ignored unless it is a valid timestamp */
  occurredAt: string
}

export type ProviderEventResult = 'recorded' | 'duplicate' | 'unknown_email' | 'ignored'

function timestampOf(value: string): Date | undefined {
  const at = new Date(value)
  return Number.isNaN(at.getTime()) ? undefined : at
}

/**
 * Records what Resend reports about an email we sent. Only the facts are kept, never the payload
 * (it carries the address). A bounce or complaint stops all further mail to the candidate.
 */
export async function recordProviderEvent(
  db: Db,
  event: ProviderEvent,
): Promise<ProviderEventResult> {
  return inTransaction(db, async (trx) => {
    // Inserting the receipt first makes a concurrent redelivery wait here, then see a duplicate.
    const receipt = await trx
      .insertInto('webhook_receipts')
      .values({ id: event.receiptId })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!receipt) return 'duplicate'

    const type = eventTypes[event.type]
    if (!type || !event.providerEmailId) return 'ignored'
    const email = await trx
      .selectFrom('emails as e')
      .innerJoin('interviews as i', 'i.id', 'e.interview_id')
      .select(['e.id', 'e.agency_id', 'e.interview_id', 'i.candidate_id'])
      .where('e.provider_id', '=', event.providerEmailId)
      .executeTakeFirst()
    // Mail sent by another system on the same Resend account, or since deleted.
    if (!email) return 'unknown_email'

    await trx
      .insertInto('events')
      .values({
        agency_id: email.agency_id,
        interview_id: email.interview_id,
        email_id: email.id,
        type,
        occurred_at: timestampOf(event.occurredAt),
      })
      .execute()
    if (type === 'bounced' || type === 'complained') {
      await stopMailToCandidate(trx, email.agency_id, email.candidate_id, type)
    }
    return 'recorded'
  })
}
