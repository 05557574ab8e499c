import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { TextKind } from '../../db/schema'
import type { Language } from '../i18n/catalog'
import type { Agency } from '../schemas/agency'
import { sha256Hex } from '../lib/crypto'
import { linkTokenSlot } from '../services/coaching-links'
import { composeText, segmentsOfText } from './text'

// Every write to the texts outbox that is not a send: texts are queued here beside an interview's
// emails, canceled with it, stopped by an opt-out and forgotten on erasure. Sending is claim.ts
// and send.ts.

export interface InterviewTexts {
  agency: Agency
  interviewId: string
  candidateId: string
  /** the candidate's: what the texts are written in */
  language: Language
  /** when the coaching email and the reminder go; null: that one does not */
  dueAt: Record<TextKind, Date | null>
  publicUrl: string
}

/**
 * Queues the texts of an interview beside its emails: for each message the agency sends by text,
 * when the agency has texts on and the candidate has a number and agreed to texts. Each is due
 * when its email is; quiet hours, opt-outs and the rest are decided when it comes due. Returns
 * the coaching text's id, if one was queued. Run it in the transaction that locked the candidate.
 */
export async function enqueueInterviewTexts(trx: Db, plan: InterviewTexts): Promise<string | null> {
  const { agency } = plan
  if (!agency.sms.enabled) return null
  const candidate = await trx
    .selectFrom('candidates')
    .select(['phone', 'sms_consent'])
    .where('agency_id', '=', agency.id)
    .where('id', '=', plan.candidateId)
    .executeTakeFirstOrThrow()
  if (!candidate.phone || !candidate.sms_consent) return null
  const link = `${plan.publicUrl}/c/${linkTokenSlot}`
  const from = agency.branding.senderName ?? agency.name
  const rows = agency.sms.messages.flatMap((kind) => {
    const due = plan.dueAt[kind]
    if (!due) return []
    const body = composeText(kind, plan.language, from, link)
    return [
      {
        agency_id: agency.id,
        interview_id: plan.interviewId,
        kind,
        state: 'queued' as const,
        next_attempt_at: due,
        to_phone: candidate.phone,
        body,
        segments: segmentsOfText(body),
      },
    ]
  })
  if (rows.length === 0) return null
  const written = await trx.insertInto('texts').values(rows).returning(['id', 'kind']).execute()
  return written.find((r) => r.kind === 'coaching')?.id ?? null
}

/** Moves an interview's untouched texts with its emails when it is rescheduled. */
export async function rescheduleInterviewTexts(
  trx: Db,
  agencyId: string,
  interviewId: string,
  dueAt: Record<TextKind, Date | null>,
) {
  for (const kind of ['coaching', 'reminder'] as const) {
    const due = dueAt[kind]
    await trx
      .updateTable('texts')
      .set(
        due ? { next_attempt_at: due } : { state: 'skipped', last_error: 'Not needed any more.' },
      )
      .where('agency_id', '=', agencyId)
      .where('interview_id', '=', interviewId)
      .where('kind', '=', kind)
      .where('state', '=', 'queued')
      .where('attempts', '=', 0)
      .execute()
  }
}

/**
 * The person's number changed: their queued texts go to the new one, a retry too (a text whose
 * last attempt had no answer stays with the number Twilio may have it under, for its look-up).
 */
export async function followNewNumber(
  trx: Db,
  agencyId: string,
  candidateId: string,
  phone: string,
) {
  await trx
    .updateTable('texts')
    .set({ to_phone: phone })
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'queued')
    .where('unanswered_since', 'is', null)
    .where('to_phone', 'is distinct from', phone)
    .where('interview_id', 'in', (eb) =>
      eb.selectFrom('interviews').select('id').where('candidate_id', '=', candidateId),
    )
    .execute()
}

/** sha256 of a number, hex, as opt-outs keep it (the same in SQL: phoneHashOf). */
export const phoneHash = sha256Hex

/** The SQL of phoneHash for a column. */
export function phoneHashOf(column: string) {
  return sql<string>`encode(sha256(convert_to(${sql.ref(column)}, 'UTF8')), 'hex')`
}

/**
 * Records that `phone` replied STOP to `sender` and cancels every text still queued to it from
 * that sender (in any agency: the opt-out is the number's, kept by the sender). A text whose last
 * attempt had no answer is left to be looked up: it may already have gone.
 */
export async function optOut(trx: Db, sender: string, phone: string) {
  await trx
    .insertInto('sms_opt_outs')
    .values({ sender, phone_hash: await phoneHash(phone) })
    .onConflict((oc) => oc.columns(['sender', 'phone_hash']).doNothing())
    .execute()
  await trx
    .updateTable('texts')
    .set({ state: 'canceled', last_error: 'Not sent: the number replied STOP.' })
    .where('to_phone', '=', phone)
    .where('state', '=', 'queued')
    .where('unanswered_since', 'is', null)
    .where((eb) => eb.or([eb('sender', 'is', null), eb('sender', '=', sender)]))
    .execute()
}

/** The number texted START: texts from `sender` may go to it again. */
export async function optBackIn(trx: Db, sender: string, phone: string) {
  await trx
    .deleteFrom('sms_opt_outs')
    .where('sender', '=', sender)
    .where('phone_hash', '=', await phoneHash(phone))
    .execute()
}
