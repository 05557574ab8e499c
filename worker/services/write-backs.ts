import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Db } from '../../db/client'
import type { WriteBackRow } from '../../db/schema'
import type { Config } from '../config'
import { ProviderRefused, ProviderUnavailable } from '../integrations/adapter'
import { providers } from '../integrations/providers'
import { markerOf, writeBackText } from '../integrations/write-back-note'
import { inTransaction } from '../lib/transaction'
import {
  integrationKeyring,
  integrationRow,
  openIntegration,
  providerContext,
} from './integrations'

// "Note sent" back to the ATS, exactly once per change. A mark or an undo (in the transaction
// that records it) queues the interview's write-back a debounce later, so a candidate marking
// three notes in a row makes one write. The cron claims due rows with a lease, fenced by the
// attempt count: a run whose lease ran out can no longer settle the row. The adapter finds a
// note an unanswered attempt may have written by its marker line, so a retry updates it rather
// than adding a second.

/** how long the marks must rest before the note is written */
export const writeBackDebounceMs = 5 * 60_000
const leaseMs = 2 * 60_000
/** the provider is tried this many times before the write-back shows as failed */
const maxAttempts = 12
const batchSize = 20

/**
 * Queues the write-back of an interview that came from an integration able to write one; a
 * change while a write is on its way is written after it. Run it in the transaction of the mark.
 */
export async function queueWriteBack(trx: Db, interviewId: string, now: Date) {
  const source = await trx
    .selectFrom('interviews as i')
    .innerJoin('integrations as g', (join) =>
      join.onRef('g.agency_id', '=', 'i.agency_id').onRef('g.provider', '=', 'i.external_system'),
    )
    .select(['i.agency_id', 'g.id', 'g.provider', 'g.settings'])
    .where('i.id', '=', interviewId)
    .where('i.canceled_at', 'is', null)
    .executeTakeFirst()
  const adapter = source && providers[source.provider]
  if (!source || !adapter?.writeNote || adapter.writesBack?.(source.settings) === false) return
  const dueAt = new Date(now.getTime() + writeBackDebounceMs)
  await trx
    .insertInto('write_backs')
    .values({
      interview_id: interviewId,
      agency_id: source.agency_id,
      integration_id: source.id,
      state: 'pending',
      due_at: dueAt,
    })
    .onConflict((oc) =>
      oc.column('interview_id').doUpdateSet((eb) => ({
        version: eb('write_backs.version', '+', 1),
        due_at: dueAt,
        state: sql`case when write_backs.state = 'sending' then 'sending' else 'pending' end`,
        updated_at: now,
      })),
    )
    .execute()
}

/** Takes up to `batchSize` due write-backs, leased to this run. */
function claimWriteBacks(db: Db, now: Date): Promise<WriteBackRow[]> {
  return inTransaction(db, (trx) =>
    trx
      .updateTable('write_backs')
      .set((eb) => ({
        state: 'sending',
        attempts: eb('attempts', '+', 1),
        lease_until: new Date(now.getTime() + leaseMs),
        updated_at: now,
      }))
      .where('interview_id', 'in', (eb) =>
        eb
          .selectFrom('write_backs')
          .select('interview_id')
          .where('state', 'in', ['pending', 'sending'])
          .where((w) =>
            w.or([
              w.and([w('state', '=', 'pending'), w('due_at', '<=', now)]),
              w('lease_until', '<=', now),
            ]),
          )
          .orderBy('due_at')
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute(),
  )
}

/** What the note says now, from the interview and its marks: one query. */
async function noteFacts(db: Db, interviewId: string) {
  const interview = await db
    .selectFrom('interviews as i')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .leftJoin('recruiters as r', 'r.id', 'i.recruiter_id')
    .select((eb) => [
      'i.role_title',
      'i.client_company',
      'i.starts_at',
      'i.external_id',
      'i.forgotten_at',
      'a.time_zone',
      'r.external_id as owner_external_id',
      jsonArrayFrom(
        eb
          .selectFrom('interviewers as p')
          .select(['p.name', 'p.title', 'p.email', 'p.note_sent_at'])
          .whereRef('p.interview_id', '=', 'i.id')
          .orderBy('p.position'),
      ).as('people'),
    ])
    .where('i.id', '=', interviewId)
    .executeTakeFirstOrThrow()
  // in JSON a time is a string
  const thanked = interview.people.map((p) => ({
    name: p.name,
    title: p.title,
    email: p.email,
    sentAt: p.note_sent_at ? new Date(p.note_sent_at) : null,
  }))
  const text = writeBackText({
    interviewId,
    roleTitle: interview.role_title,
    clientCompany: interview.client_company,
    startsAt: interview.starts_at,
    timeZone: interview.time_zone,
    thanked,
  })
  return { interview, thanked, text, ownerExternalId: interview.owner_external_id }
}

type Settled =
  | { written: { noteId: string | null; text: string | null } }
  | { retryAt: Date; error: string }
  | { failed: string }

/** Ends this run's claim on the row, unless another run has claimed it since (the fence). */
async function settle(db: Db, row: WriteBackRow, settled: Settled, now: Date) {
  const fenced = db
    .updateTable('write_backs')
    .where('interview_id', '=', row.interview_id)
    .where('state', '=', 'sending')
    .where('attempts', '=', row.attempts)
  if ('written' in settled) {
    await fenced
      .set({
        // a mark made while this was on its way is written after it
        state: sql`case when version = ${row.version} then 'written' else 'pending' end`,
        written_version: row.version,
        note_id: settled.written.noteId,
        written_text: settled.written.text,
        written_at: now,
        lease_until: null,
        last_error: null,
        updated_at: now,
      })
      .execute()
    return
  }
  const error = 'failed' in settled ? settled.failed : settled.error
  const failed = 'failed' in settled || row.attempts >= maxAttempts
  await fenced
    .set({
      state: failed ? 'failed' : 'pending',
      due_at: 'retryAt' in settled ? sql`greatest(due_at, ${settled.retryAt})` : sql`due_at`,
      lease_until: null,
      last_error: error,
      updated_at: now,
    })
    .execute()
  await db
    .updateTable('integrations')
    .set({ last_error: `Write-back: ${error}`, last_error_at: now })
    .where('id', '=', row.integration_id)
    .execute()
}

/** One claimed write-back: the note written, updated, or nothing to do. */
async function writeOne(db: Db, config: Config, row: WriteBackRow, now: Date): Promise<Settled> {
  const { interview, thanked, text, ownerExternalId } = await noteFacts(db, row.interview_id)
  const nothingSent = thanked.every((person) => !person.sentAt)
  if (interview.forgotten_at || text === row.written_text || (nothingSent && !row.note_id)) {
    return { written: { noteId: row.note_id, text: row.written_text } }
  }
  const integration = (await integrationRow(db, row.integration_id))!
  const opened = await openIntegration(await integrationKeyring(config), integration)
  const written = await providers[integration.provider].writeNote!(
    providerContext(db, config, opened, now),
    {
      interviewId: row.interview_id,
      externalId: interview.external_id ?? '',
      thanked,
      text,
      noteId: row.note_id,
      marker: markerOf(row.interview_id),
      recruiterExternalId: ownerExternalId,
    },
  )
  return { written: { noteId: written.noteId, text } }
}

const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 6 * 3_600_000)

/** The cron's part: writes what is due. */
export async function runWriteBacks(db: Db, config: Config, now: Date) {
  if (!config.integrationKeys) return { written: 0, retried: 0, failed: 0 }
  const report = { written: 0, retried: 0, failed: 0 }
  for (const row of await claimWriteBacks(db, now)) {
    let settled: Settled
    try {
      settled = await writeOne(db, config, row, now)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      settled =
        err instanceof ProviderRefused
          ? { failed: message }
          : {
              retryAt: new Date(
                now.getTime() +
                  Math.max(
                    backoffMs(row.attempts),
                    err instanceof ProviderUnavailable ? err.retryAfterSeconds * 1000 : 0,
                  ),
              ),
              error: message,
            }
      if (!(err instanceof ProviderRefused) && !(err instanceof ProviderUnavailable)) {
        console.error('[write-back]', row.interview_id, err)
      }
    }
    await settle(db, row, settled, now)
    if ('written' in settled) report.written += 1
    else if ('failed' in settled || row.attempts >= maxAttempts) report.failed += 1
    else report.retried += 1
  }
  return report
}
