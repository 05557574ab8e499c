import type { Db } from '../../db/client'
import type { EmailRow, InterviewerRow } from '../../db/schema'
import { noteDeadline } from '../lib/note-window'
import type { Interview } from '../schemas/interview'
import { coachingEmailOf, coachingStatusOf } from './coaching-status'

/** Interviews with what their API objects show beside the interview row itself. */
export function interviewsWithCandidate(db: Db) {
  return (
    db
      .selectFrom('interviews as i')
      .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
      .leftJoin('recruiters as r', (join) =>
        join.onRef('r.id', '=', 'i.recruiter_id').onRef('r.agency_id', '=', 'i.agency_id'),
      )
      .leftJoin('write_backs as w', 'w.interview_id', 'i.id')
      // the latest coaching text, if one was queued
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('texts as t')
            .select([
              't.state as text_state',
              't.sent_at as text_sent_at',
              't.last_error as text_error',
            ])
            .whereRef('t.interview_id', '=', 'i.id')
            .where('t.kind', '=', 'coaching')
            .orderBy('t.created_at', 'desc')
            .limit(1)
            .as('tx'),
        (join) => join.onTrue(),
      )
      .selectAll('i')
      .select([
        'w.state as write_back_state',
        'w.written_at as write_back_written_at',
        'w.last_error as write_back_error',
        'tx.text_state',
        'tx.text_sent_at',
        'tx.text_error',
        'r.name as recruiter_name',
        'c.email as candidate_email',
        'c.unsubscribed_at',
        coachingEmailOf('i').as('coaching_email'),
        coachingStatusOf('i').as('coaching_status'),
      ])
  )
}

type InterviewJoined = Awaited<
  ReturnType<ReturnType<typeof interviewsWithCandidate>['executeTakeFirstOrThrow']>
>

// What an interview's API object shows of its emails: never the rendered message, which is most
// of an email row's bytes (two per interview, a few kilobytes each).
const emailColumns = [
  'interview_id',
  'kind',
  'state',
  'attempts',
  'last_error',
  'sent_at',
  'next_attempt_at',
] as const

function reminderStatusOf(
  email: Pick<EmailRow, 'state'> | undefined,
): Interview['coaching']['reminder'] {
  if (!email) return 'none'
  if (email.state === 'queued' || email.state === 'sending') return 'scheduled'
  if (email.state === 'sent' || email.state === 'captured' || email.state === 'failed')
    return email.state
  return 'skipped'
}

/**
 * Turns interview rows into API objects with their coaching state, in a fixed number of queries
 * however many rows there are. The status and the email's status come with the rows, from the
 * SQL the list filters and the stats count by.
 */
export async function toInterviews(db: Db, rows: InterviewJoined[]): Promise<Interview[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [interviewers, emails, pageOpens] = await Promise.all([
    db
      .selectFrom('interviewers')
      .selectAll()
      .where('interview_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('emails')
      .select(emailColumns)
      .where('interview_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('events')
      .select(['interview_id', (eb) => eb.fn.min('occurred_at').as('first_at')])
      .where('interview_id', 'in', ids)
      .where('type', '=', 'page_opened')
      .groupBy('interview_id')
      .execute(),
  ])
  const byInterview = <T extends { interview_id: string }>(items: T[]) => {
    const map = new Map<string, T[]>()
    for (const item of items)
      map.set(item.interview_id, [...(map.get(item.interview_id) ?? []), item])
    return map
  }
  const interviewersOf = byInterview(interviewers)
  const emailsOf = byInterview(emails)
  const pageOpenedOf = new Map(pageOpens.map((e) => [e.interview_id, e.first_at]))

  return rows.map((row) => {
    const people: InterviewerRow[] = interviewersOf.get(row.id) ?? []
    const mail = emailsOf.get(row.id) ?? []
    const coachingMail = mail.filter((e) => e.kind !== 'reminder')
    // the latest attempt's details; the status above covers every coaching email
    const latest = coachingMail.at(-1)
    const sentAt = coachingMail.findLast((e) => e.sent_at)?.sent_at
    const dueAt = coachingMail.find((e) => e.state === 'queued')?.next_attempt_at
    const reminder = mail.find((e) => e.kind === 'reminder')
    const pageOpened = pageOpenedOf.get(row.id)
    return {
      id: row.id,
      recruiterId: row.recruiter_id,
      recruiter:
        row.recruiter_id !== null && row.recruiter_name !== null
          ? { id: row.recruiter_id, name: row.recruiter_name }
          : null,
      candidate:
        row.candidate_name !== null && row.candidate_email !== null
          ? {
              name: row.candidate_name,
              email: row.candidate_email,
              preferredName: row.candidate_preferred_name,
              language: row.candidate_language,
              timeZone: row.candidate_time_zone,
            }
          : null,
      noteLanguage: row.note_language,
      roleTitle: row.role_title,
      clientCompany: row.client_company,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      durationMinutes: row.duration_minutes,
      format: row.format,
      talkingPoints: row.talking_points,
      interviewers: people.map((p) => ({
        id: p.id,
        name: p.name,
        title: p.title,
        email: p.email,
        noteSentAt: p.note_sent_at?.toISOString() ?? null,
      })),
      externalRef:
        row.external_system !== null && row.external_id !== null
          ? { system: row.external_system, id: row.external_id }
          : null,
      canceledAt: row.canceled_at?.toISOString() ?? null,
      outcome:
        row.outcome && row.outcome_at
          ? { stage: row.outcome, recordedAt: row.outcome_at.toISOString() }
          : null,
      writeBack: row.write_back_state
        ? {
            state: row.write_back_state === 'sending' ? 'pending' : row.write_back_state,
            writtenAt: row.write_back_written_at?.toISOString() ?? null,
            error: row.write_back_error,
          }
        : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at?.toISOString() ?? null,
      coaching: {
        status: row.coaching_status,
        email: row.coaching_email,
        emailAttempts: latest?.attempts ?? 0,
        emailError: latest?.state === 'failed' ? latest.last_error : null,
        emailSentAt: sentAt?.toISOString() ?? null,
        emailDueAt: dueAt?.toISOString() ?? null,
        pageOpenedAt: pageOpened ? new Date(pageOpened).toISOString() : null,
        notesSent: people.filter((p) => p.note_sent_at).length,
        notesTotal: people.length,
        deadline: noteDeadline(row.ends_at).toISOString(),
        reminder: reminderStatusOf(reminder),
        unsubscribed: row.unsubscribed_at !== null,
        text: row.text_state
          ? {
              status: row.text_state === 'sending' ? 'queued' : row.text_state,
              sentAt: row.text_sent_at?.toISOString() ?? null,
              error: ['failed', 'undelivered', 'canceled'].includes(row.text_state)
                ? row.text_error
                : null,
            }
          : null,
      },
    }
  })
}
