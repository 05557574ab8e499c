import { sql } from 'kysely'
import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import type { CandidateEventInput, NoteState } from '../schemas/candidate'
import type { LinkTarget } from './coaching-links'
import { inTransaction } from '../lib/transaction'
import { queueWriteBack } from './write-backs'

/** copies and mail-app opens repeated this soon are one action (double taps, retried posts) */
const repeatWindowMs = 5_000

export async function noteStateOf(db: Db, interviewId: string): Promise<NoteState> {
  const people = await db
    .selectFrom('interviewers')
    .select(['id', 'note_sent_at'])
    .where('interview_id', '=', interviewId)
    .orderBy('position')
    .execute()
  return {
    interviewers: people.map((p) => ({
      id: p.id,
      noteSentAt: p.note_sent_at?.toISOString() ?? null,
    })),
    notesSent: people.filter((p) => p.note_sent_at).length,
    notesTotal: people.length,
  }
}

/**
 * Records what the candidate did on their page. "sent" and "unsent" change the note's state and
 * are recorded only when they change it, so a replayed post has no effect; an interviewer of
 * another interview is refused.
 */
export async function recordCandidateEvent(
  db: Db,
  target: LinkTarget,
  input: CandidateEventInput,
  now = new Date(),
): Promise<NoteState> {
  await inTransaction(db, async (trx) => {
    if (input.interviewerId === undefined && (input.type === 'sent' || input.type === 'unsent')) {
      throw new ApiError('validation_failed', 'The request body is not valid.', [
        { path: 'interviewerId', message: 'Say which interviewer the note was for.' },
      ])
    }
    if (input.interviewerId !== undefined) {
      const person = await trx
        .selectFrom('interviewers')
        .select('id')
        .where('id', '=', input.interviewerId)
        .where('interview_id', '=', target.interviewId)
        .forUpdate()
        .executeTakeFirst()
      if (!person) throw new ApiError('not_found', 'Interviewer not found.')
    }
    if (input.type === 'sent' || input.type === 'unsent') {
      const changed = await trx
        .updateTable('interviewers')
        .set({ note_sent_at: input.type === 'sent' ? now : null })
        .where('id', '=', input.interviewerId!)
        .where('note_sent_at', input.type === 'sent' ? 'is' : 'is not', null)
        .returning('id')
        .executeTakeFirst()
      if (!changed) return
      await queueWriteBack(trx, target.interviewId, now)
    } else {
      let recent = trx
        .selectFrom('events')
        .select('id')
        .where('interview_id', '=', target.interviewId)
        .where('type', '=', input.type)
        .where('occurred_at', '>', new Date(now.getTime() - repeatWindowMs))
      recent = input.interviewerId
        ? recent.where('interviewer_id', '=', input.interviewerId)
        : recent.where('interviewer_id', 'is', null)
      if (await recent.executeTakeFirst()) return
    }
    await trx
      .insertInto('events')
      .values({
        agency_id: target.agencyId,
        interview_id: target.interviewId,
        interviewer_id: input.interviewerId ?? null,
        type: input.type,
        occurred_at: now,
      })
      .execute()
  })
  return noteStateOf(db, target.interviewId)
}

/** The first visit to the page, once per interview. */
export async function recordPageOpened(db: Db, target: LinkTarget, now = new Date()) {
  // one row per interview (a unique index): a view already recorded, or recorded by a load
  // racing this one, leaves it as it is
  await db
    .insertInto('events')
    .values({
      agency_id: target.agencyId,
      interview_id: target.interviewId,
      type: 'page_opened',
      occurred_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('interview_id')
        // the index's own predicate, written as a literal so Postgres can match the index to it
        .where('type', '=', sql.lit('page_opened'))
        .doNothing(),
    )
    .execute()
}
