import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/client'
import type { SuppressionReason } from '../../db/schema'

/** Why mail must not go to a person: erased, unsubscribed, or the address suppressed. */
export type Undeliverable = 'erased' | 'unsubscribed' | SuppressionReason

/**
 * Why no mail may go to candidate `alias` now, or null when it may: the person was erased (or
 * has no address), unsubscribed, or the address is suppressed for the agency (a bounce, a
 * complaint or an unsubscribe, kept as a hash so it outlives erasure; addresses are stored
 * trimmed and lower-cased, as services/suppressions.ts hashes them). The one rule for every
 * message: checked when one is queued and again when the outbox claims it.
 */
export function undeliverableOf(alias: string): RawBuilder<Undeliverable | null> {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  return sql<Undeliverable | null>`case
    when ${column('erased_at')} is not null or ${column('email')} is null then 'erased'
    when ${column('unsubscribed_at')} is not null then 'unsubscribed'
    else (
      select s.reason from suppressions s
      where s.agency_id = ${column('agency_id')}
        and s.email_hash = encode(sha256(convert_to(${column('email')}, 'UTF8')), 'hex')
    )
  end`
}

/**
 * The rule above for one candidate of an agency, locking the person's row: the first lock a
 * re-send takes, and one a new interview already holds (it wrote the row).
 */
export async function undeliverableTo(
  trx: Db,
  agencyId: string,
  candidateId: string,
): Promise<Undeliverable | null> {
  const { reason } = await trx
    .selectFrom('candidates as c')
    .select(undeliverableOf('c').as('reason'))
    .where('c.agency_id', '=', agencyId)
    .where('c.id', '=', candidateId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return reason
}
