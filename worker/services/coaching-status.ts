import { sql, type RawBuilder } from 'kysely'
import type { Interview } from '../schemas/interview'

export type CoachingEmailStatus = Interview['coaching']['email']
export type CoachingStatus = Interview['coaching']['status']

// What an interview's coaching email is, as one SQL expression over an interview alias: the
// interview shows it, the list filters by it and the stats count by it, so the three cannot
// disagree. Each part is an index probe by interview_id.

/** the email reached the candidate: the interview is coached */
const reachedCandidate: CoachingEmailStatus[] = ['sent', 'captured', 'delivered']
/** the candidate has no coaching email: without a note, the interview is not emailed */
const missedCandidate: CoachingEmailStatus[] = ['failed', 'suppressed', 'bounced']
// 'queued' is neither: an email is still on its way

/**
 * How far the coaching emails (the first and any re-sends) of interview `alias` got: a bounce or
 * complaint outweighs everything (the address is suppressed), then a delivery the provider
 * reported, then an email that went out (the latest such), then one still on its way; otherwise
 * the latest one failed, or was not sent ('suppressed'). A re-send never makes an interview look
 * less emailed than it was, and one that went out is enough to undo an earlier failure.
 */
export function coachingEmailOf(alias: string): RawBuilder<CoachingEmailStatus> {
  const id = sql.ref(`${alias}.id`)
  return sql<CoachingEmailStatus>`coalesce(
    (select case
        when bool_or(v.type in ('bounced', 'complained')) then 'bounced'
        when bool_or(v.type = 'delivered') then 'delivered'
      end
      from events v
      where v.interview_id = ${id} and v.type in ('delivered', 'bounced', 'complained')),
    (select case e.state
        when 'sent' then 'sent'
        when 'captured' then 'captured'
        when 'failed' then 'failed'
        when 'skipped' then 'suppressed'
        when 'canceled' then 'suppressed'
        else 'queued'
      end
      from emails e
      where e.interview_id = ${id} and e.kind in ('coaching', 'resend')
      order by
        case when e.state in ('sent', 'captured') then 0 when e.state in ('queued', 'sending') then 1 else 2 end,
        e.created_at desc,
        e.id desc
      limit 1),
    'failed')`
}

/** Whether a coaching email status counts the interview as coached. */
export function isCoached(email: RawBuilder<CoachingEmailStatus>): RawBuilder<boolean> {
  return sql<boolean>`(${email} in (${sql.join(reachedCandidate)}))`
}

/**
 * The interview's coaching status: canceled above all; by its notes once one is marked sent;
 * not emailed when its coaching email cannot or did not reach the candidate; scheduled until it
 * ends; then awaiting notes.
 */
export function coachingStatusOf(alias: string): RawBuilder<CoachingStatus> {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  return sql<CoachingStatus>`(select case
      when ${column('canceled_at')} is not null then 'canceled'
      when n.sent > 0 and n.sent = n.total then 'all_notes_sent'
      when n.sent > 0 then 'notes_sent'
      when ${coachingEmailOf(alias)} in (${sql.join(missedCandidate)}) then 'not_emailed'
      when ${column('ends_at')} > now() then 'scheduled'
      else 'awaiting_notes'
    end
    from (
      select count(p.note_sent_at) as sent, count(*) as total
      from interviewers p where p.interview_id = ${sql.ref(`${alias}.id`)}
    ) n)`
}
