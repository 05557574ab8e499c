import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Db } from '../../db/client'
import type { EmailRow } from '../../db/schema'
import { noteDeadline } from '../lib/note-window'
import type { Interview } from '../schemas/interview'
import { coachingEmailOf, coachingStatusOf } from './coaching-status'

// What an interview's API object shows of its emails: never the rendered message, which is most
// of an email row's bytes (two per interview, a few kilobytes each).
const emailColumns = [
  'kind',
  'state',
  'attempts',
  'last_error',
  'sent_at',
  'next_attempt_at',
  'id',
] as const

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
      .select((eb) => [
        // its people, emails and first page view ride along as JSON: a statement costs the driver
        // two round trips, and these were three more
        jsonArrayFrom(
          eb
            .selectFrom('interviewers as p')
            .select(['p.id', 'p.position', 'p.name', 'p.title', 'p.email', 'p.note_sent_at'])
            .whereRef('p.interview_id', '=', 'i.id'),
        ).as('people'),
        jsonArrayFrom(
          eb
            .selectFrom('emails as e')
            .select(emailColumns.map((column) => `e.${column}` as const))
            .select(sql<number>`extract(epoch from e.created_at)`.as('created_epoch'))
            .whereRef('e.interview_id', '=', 'i.id'),
        ).as('mail'),
        eb
          .selectFrom('events as v')
          .select((v) => v.fn.min('v.occurred_at').as('first_at'))
          .whereRef('v.interview_id', '=', 'i.id')
          .where('v.type', '=', 'page_opened')
          .as('page_opened_at'),
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

/** A time read out of JSON arrives as text (typed as the column's Date by kysely's helper) */
const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value))

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
 * Turns rows of `interviewsWithCandidate` into API objects with their coaching state: everything
 * comes with the rows, so a page of interviews is one statement however many rows it holds. The
 * status and the email's status come from the SQL the list filters and the stats count by.
 */
export function toInterviews(rows: InterviewJoined[]): Interview[] {
  return rows.map((row) => {
    // JSON keeps no order of its own: put in order here, and dates back into dates
    const people = row.people
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ ...p, note_sent_at: dateOrNull(p.note_sent_at) }))
    const mail = row.mail
      .sort((a, b) => a.created_epoch - b.created_epoch || (a.id < b.id ? -1 : 1))
      .map((e) => ({
        ...e,
        sent_at: dateOrNull(e.sent_at),
        next_attempt_at: dateOrNull(e.next_attempt_at),
      }))
    const coachingMail = mail.filter((e) => e.kind !== 'reminder')
    // the latest attempt's details; the status above covers every coaching email
    const latest = coachingMail.at(-1)
    const sentAt = coachingMail.findLast((e) => e.sent_at)?.sent_at
    const dueAt = coachingMail.find((e) => e.state === 'queued')?.next_attempt_at
    const reminder = mail.find((e) => e.kind === 'reminder')
    const pageOpened = row.page_opened_at
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
