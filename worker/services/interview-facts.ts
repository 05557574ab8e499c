import { sql } from 'kysely'
import type { Db } from '../../db/client'
import { inTransaction } from '../lib/transaction'

// interview_facts is kept current by triggers (db/migrations/2026_11_30_000900_add_interview_facts.ts,
// and 2026_12_01_000200_add_text_facts.ts for the coaching text); this recomputes it from the
// source tables, for one agency or all, while writes go on: each batch is one short transaction,
// and refresh_interview_facts takes its turn on each row as the triggers do, so a write during the
// rebuild is counted either way. The counts per day and per week on top (stats_days, migrations
// 2026_12_01_000400 and 000500) are appended to by every write, folded by the cron, and recounted
// here.

export interface RebuildProgress {
  agencyId: string
  interviews: number
}

/**
 * Recomputes the facts of the agency's interviews (or of every agency's), `batchSize` per
 * transaction in the order they were logged. Returns how many interviews it went over.
 */
export async function rebuildInterviewFacts(
  db: Db,
  options: {
    agencyId?: string
    batchSize?: number
    onBatch?: (progress: RebuildProgress) => void
  } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1_000
  const agencyIds = options.agencyId
    ? [options.agencyId]
    : (await db.selectFrom('agencies').select('id').orderBy('id').execute()).map((a) => a.id)
  let total = 0
  for (const agencyId of agencyIds) {
    let after: { created_at: Date; id: string } | undefined
    let interviews = 0
    for (;;) {
      const batch = await inTransaction(db, async (trx) => {
        const rows = await trx
          .selectFrom('interviews')
          .select(['id', 'created_at'])
          .where('agency_id', '=', agencyId)
          // keyset on (agency_id, created_at, id), which interviews_agency_created_idx serves
          .$if(after !== undefined, (qb) =>
            qb.where(sql<boolean>`(created_at, id) > (${after!.created_at}, ${after!.id})`),
          )
          .orderBy('created_at')
          .orderBy('id')
          .limit(batchSize)
          .execute()
        if (rows.length > 0) {
          const ids = JSON.stringify(rows.map((r) => r.id))
          const batchIds = sql`array(select jsonb_array_elements_text(${ids}::text::jsonb)::uuid)`
          await sql`select refresh_interview_facts(${batchIds})`.execute(trx)
          await sql`select refresh_interview_text_facts(${batchIds})`.execute(trx)
        }
        return rows
      })
      if (batch.length === 0) break
      after = batch[batch.length - 1]
      interviews += batch.length
      options.onBatch?.({ agencyId, interviews })
    }
    await rebuildStatsDays(db, agencyId)
    total += interviews
  }
  return total
}

/** Recounts an agency's counts per day and per week from its interview_facts, in one statement. */
async function rebuildStatsDays(db: Db, agencyId: string) {
  await inTransaction(db, (trx) => sql`select rebuild_stats_days(${agencyId})`.execute(trx))
}

/**
 * Folds the rows writes appended to stats_days into one per span (day or week), day, recruiter and
 * client, up to `maxKeys` of them (the minute's cron; a write appends to a day's key and a week's);
 * returns how many were folded.
 */
export async function compactStatsDays(db: Db, maxKeys = 10_000): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{ folded: number }>`
      select compact_stats_days(${maxKeys}) as folded`.execute(trx)
    return rows[0]!.folded
  })
}
