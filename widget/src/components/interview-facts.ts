import type { Interview } from '../../../worker/schemas/interview'
import { formatWhen } from '../format'
import type { detailEn } from '../strings/detail'

type Words = typeof detailEn

/** a line of the parts given, joined by " · " */
const line = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(' · ')

/** The lines of the "Messages" part of the details: the email, the page, the reminder, a text. */
export function messageFacts(w: Words, i: Interview): string[] {
  const c = i.coaching
  const sent = c.emailSentAt && w.sentAt(formatWhen(c.emailSentAt))
  const sentState = c.email === 'sent' || c.email === 'captured'
  const facts = [
    c.status === 'scheduled' && c.emailDueAt
      ? w.emailDueAt(formatWhen(c.emailDueAt))
      : line(
          w.email(sentState && sent ? sent : w.emails[c.email]),
          !sentState && sent,
          c.emailAttempts > 1 && w.attempts(c.emailAttempts),
          c.emailError,
        ),
    c.pageOpenedAt ? w.pageOpenedAt(formatWhen(c.pageOpenedAt)) : w.pageNotOpened,
    w.reminders[c.reminder],
  ]
  const text = c.text
  if (text) {
    facts.push(
      line(w.texts[text.status], text.sentAt && w.textAt(formatWhen(text.sentAt)), text.error),
    )
  }
  if (c.unsubscribed) facts.push(w.unsubscribed)
  const wb = i.writeBack
  if (wb) {
    facts.push(
      wb.state === 'written'
        ? line(w.noted, wb.writtenAt && formatWhen(wb.writtenAt))
        : wb.state === 'failed'
          ? w.notNoted(wb.error ?? undefined)
          : w.toNote,
    )
  }
  return facts
}

/** What happened to the interview and what is still to come, in time order. */
export function timelineOf(w: Words, i: Interview): { at: string; text: string }[] {
  const c = i.coaching
  const events: [string | null | undefined, string][] = [
    [i.createdAt, w.logged(i.recruiter?.name)],
    [i.startsAt, w.starts],
    [i.endsAt, w.ends],
    [c.status === 'scheduled' ? c.emailDueAt : null, w.emailDue],
    [c.emailSentAt, w.emailSent],
    [c.text?.sentAt, w.textSent],
    [c.pageOpenedAt, w.pageOpened],
    ...i.interviewers.map((p): [string | null, string] => [p.noteSentAt, w.noteTo(p.name)]),
    [i.canceledAt ? null : c.deadline, w.windowCloses],
    [i.writeBack?.writtenAt, w.noted],
    [i.outcome?.recordedAt, w.outcomeIs(i.outcome ? w.outcomes[i.outcome.stage] : '')],
    [i.canceledAt, w.canceled],
  ]
  return events
    .filter((e): e is [string, string] => !!e[0])
    .map(([at, text]) => ({ at, text }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}
