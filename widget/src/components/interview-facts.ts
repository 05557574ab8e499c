import type { Interview, InterviewOutcome } from '../../../worker/schemas/interview'
import { formatWhen } from '../format'

type Coaching = Interview['coaching']

export const outcomeLabels: Record<InterviewOutcome, string> = {
  advanced: 'Advanced',
  offer: 'Offer made',
  hired: 'Hired',
  rejected: 'Rejected',
  withdrawn: 'Withdrew',
}

const reminderLabels: Record<Coaching['reminder'], string> = {
  scheduled: 'Reminder scheduled',
  sent: 'Reminder sent',
  captured: 'Reminder sent',
  skipped: 'Reminder not needed',
  failed: 'Reminder failed',
  none: 'No reminder',
}

const textLabels: Record<NonNullable<Coaching['text']>['status'], string> = {
  queued: 'Text queued',
  sent: 'Text sent',
  captured: 'Text sent',
  delivered: 'Text delivered',
  undelivered: 'Text not delivered',
  failed: 'Text failed',
  skipped: 'Text not sent',
  canceled: 'Text canceled',
}

const emailWords: Record<Coaching['email'], string> = {
  queued: 'queued',
  sent: 'sent',
  captured: 'sent',
  delivered: 'delivered',
  bounced: 'bounced',
  failed: 'failed',
  suppressed: 'not sent (the address refuses mail)',
}

/** " <words> <when>", or nothing when there is no time */
const when = (iso: string | null | undefined, words: string) =>
  iso ? `${words && ` ${words}`} ${formatWhen(iso)}` : ''

/** The lines of the "Messages" part of the details: the email, the page, the reminder, a text. */
export function messageFacts(i: Interview): string[] {
  const c = i.coaching
  const facts = [
    c.status === 'scheduled' && c.emailDueAt
      ? `Coaching email due ${formatWhen(c.emailDueAt)}`
      : `Coaching email ${emailWords[c.email]}` +
        when(c.emailSentAt, emailWords[c.email] === 'sent' ? '' : '· sent') +
        (c.emailAttempts > 1 ? ` · ${c.emailAttempts} attempts` : '') +
        (c.emailError ? ` · ${c.emailError}` : ''),
    c.pageOpenedAt
      ? `Coaching page opened ${formatWhen(c.pageOpenedAt)}`
      : 'Coaching page not opened yet',
    reminderLabels[c.reminder],
  ]
  if (c.text) {
    facts.push(
      textLabels[c.text.status] +
        when(c.text.sentAt, '· at') +
        (c.text.error ? ` · ${c.text.error}` : ''),
    )
  }
  if (c.unsubscribed) facts.push('The candidate unsubscribed from these emails')
  const wb = i.writeBack
  if (wb) {
    facts.push(
      wb.state === 'written'
        ? `Noted in the ATS${when(wb.writtenAt, '·')}`
        : wb.state === 'failed'
          ? `The ATS refused the note: ${wb.error ?? 'no reason given'}`
          : 'Waiting to note it in the ATS',
    )
  }
  return facts
}

/** What happened to the interview and what is still to come, in time order. */
export function timelineOf(i: Interview): { at: string; text: string }[] {
  const c = i.coaching
  const events: [string | null | undefined, string][] = [
    [i.createdAt, i.recruiter ? `Logged by ${i.recruiter.name}` : 'Logged'],
    [i.startsAt, 'Interview starts'],
    [i.endsAt, 'Interview ends'],
    [c.status === 'scheduled' ? c.emailDueAt : null, 'Coaching email due'],
    [c.emailSentAt, 'Coaching email sent'],
    [c.text?.sentAt, 'Coaching text sent'],
    [c.pageOpenedAt, 'Candidate opened the coaching page'],
    ...i.interviewers.map((p): [string | null, string] => [p.noteSentAt, `Note to ${p.name} sent`]),
    [i.canceledAt ? null : c.deadline, '24-hour window for notes closes'],
    [i.writeBack?.writtenAt, 'Noted in the ATS'],
    [i.outcome?.recordedAt, `Outcome: ${i.outcome ? outcomeLabels[i.outcome.stage] : ''}`],
    [i.canceledAt, 'Canceled'],
  ]
  return events
    .filter((e): e is [string, string] => !!e[0])
    .map(([at, text]) => ({ at, text }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}
