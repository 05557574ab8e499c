import type { Db } from '../../db/client'
import type { OutgoingMessage } from '../../db/schema'
import { isPlainSenderName, type Agency } from '../schemas/agency'
import { linkTokenSlot } from '../services/coaching-links'
import { suppressionOf } from '../services/suppressions'
import { oneLine } from './format'
import { renderCoachingEmail, renderReminderEmail, type CoachingEmailInput } from './templates'
import { noteDeadline } from '../lib/note-window'

/** a reminder due within this long of the first email would only repeat it */
const reminderMinGapMs = 60 * 60_000

export interface InterviewEmailInput {
  agency: Agency
  interviewId: string
  candidate: { name: string; email: string }
  recruiter: { name: string; email: string | null } | null
  roleTitle: string
  clientCompany: string
  interviewers: { name: string; title: string | null }[]
  endsAt: Date
  now: Date
  publicUrl: string
  fromAddress: string
}

/** `"Name" <address>` with the display name stripped of anything that could break the header. */
export function mailbox(name: string, address: string): string {
  const safe = oneLine(name)
    .replace(/["\\<>]/g, '')
    .slice(0, 80)
  return safe ? `"${safe}" <${address}>` : address
}

function outgoing(input: InterviewEmailInput, kind: 'coaching' | 'reminder'): OutgoingMessage {
  const base = input.publicUrl.replace(/\/$/, '')
  // the token itself is put in when the message goes out (withLinkToken): it is never stored
  const unsubscribeUrl = `${base}/u/${linkTokenSlot}`
  const templateInput: CoachingEmailInput = {
    agency: input.agency,
    candidateName: input.candidate.name,
    recruiterName: input.recruiter?.name ?? null,
    roleTitle: input.roleTitle,
    clientCompany: input.clientCompany,
    interviewers: input.interviewers,
    interviewEndsAt: input.endsAt,
    deadline: noteDeadline(input.endsAt),
    pageUrl: `${base}/c/${linkTokenSlot}`,
    unsubscribeUrl,
    now: kind === 'reminder' ? reminderDueAt(input) : input.now,
  }
  const rendered =
    kind === 'coaching' ? renderCoachingEmail(templateInput) : renderReminderEmail(templateInput)
  const { branding } = input.agency
  // a name saved before sender names were checked, or an agency name, may look like an address
  const senderName = [branding.senderName, input.agency.name].find(
    (name) => name !== null && isPlainSenderName(name),
  )
  return {
    from: mailbox(senderName ?? '', input.fromAddress),
    to: input.candidate.email,
    replyTo: input.recruiter?.email ?? branding.replyTo,
    ...rendered,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    tags: [
      { name: 'kind', value: kind },
      { name: 'agency', value: input.agency.id },
      { name: 'interview', value: input.interviewId },
    ],
  }
}

function reminderDueAt(input: InterviewEmailInput): Date {
  return new Date(input.endsAt.getTime() + input.agency.reminderHours * 3_600_000)
}

/**
 * Writes the coaching email (due now) and the reminder (due at the agency's reminder hour) to the
 * outbox, both rendered now; whether the reminder still goes out is decided when it falls due. `queued` is false
 * when the address is suppressed: nothing will be sent.
 */
export async function queueInterviewEmails(
  trx: Db,
  input: InterviewEmailInput,
): Promise<{ coachingEmailId: string; queued: boolean }> {
  const suppressed = await suppressionOf(trx, input.agency.id, input.candidate.email)
  const reminderAt = reminderDueAt(input)
  const reminderUseful =
    reminderAt.getTime() - input.now.getTime() >= reminderMinGapMs &&
    reminderAt < noteDeadline(input.endsAt)
  const rows = await trx
    .insertInto('emails')
    .values([
      {
        agency_id: input.agency.id,
        interview_id: input.interviewId,
        kind: 'coaching',
        state: suppressed ? 'skipped' : 'queued',
        last_error: suppressed ? `Not sent: the address ${suppressed}.` : null,
        next_attempt_at: input.now,
        message: outgoing(input, 'coaching'),
      },
      {
        agency_id: input.agency.id,
        interview_id: input.interviewId,
        kind: 'reminder',
        state: suppressed || !reminderUseful ? 'skipped' : 'queued',
        next_attempt_at: reminderAt,
        message: outgoing(input, 'reminder'),
      },
    ])
    .returning(['id', 'kind', 'state'])
    .execute()
  const coaching = rows.find((r) => r.kind === 'coaching')!
  return { coachingEmailId: coaching.id, queued: coaching.state === 'queued' }
}
