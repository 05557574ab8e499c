import type { OutgoingMessage } from '../../db/schema'
import { isPlainSenderName, type Agency } from '../schemas/agency'
import { linkTokenSlot } from '../services/coaching-links'
import { oneLine } from './format'
import { renderCoachingEmail, renderReminderEmail, type CoachingEmailInput } from './templates'
import { noteDeadline } from '../lib/note-window'
import type { Language } from '../i18n/catalog'

/** Who the emails go to, and how they are addressed: in their language and time zone. */
export interface EmailCandidate {
  name: string
  email: string
  preferredName: string | null
  language: Language
  /** IANA; null: the agency's */
  timeZone: string | null
}

/** What an interview's coaching email and reminder say, and to whom. */
export interface InterviewEmailInput {
  agency: Agency
  interviewId: string
  candidate: EmailCandidate
  recruiter: { name: string; email: string | null } | null
  roleTitle: string
  clientCompany: string
  interviewers: { name: string; title: string | null }[]
  endsAt: Date
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

/**
 * The message of one kind, as it is stored in the outbox: `sendAt` is when it goes out, which
 * its wording counts from. The link token is put in only as the message leaves (withLinkToken).
 */
export function composeInterviewEmail(
  input: InterviewEmailInput,
  kind: 'coaching' | 'reminder',
  sendAt: Date,
): OutgoingMessage {
  const base = input.publicUrl.replace(/\/$/, '')
  const unsubscribeUrl = `${base}/u/${linkTokenSlot}`
  const templateInput: CoachingEmailInput = {
    agency: input.agency,
    candidateName: input.candidate.preferredName ?? input.candidate.name,
    language: input.candidate.language,
    timeZone: input.candidate.timeZone ?? input.agency.timeZone,
    recruiterName: input.recruiter?.name ?? null,
    roleTitle: input.roleTitle,
    clientCompany: input.clientCompany,
    interviewers: input.interviewers,
    interviewEndsAt: input.endsAt,
    deadline: noteDeadline(input.endsAt),
    pageUrl: `${base}/c/${linkTokenSlot}`,
    unsubscribeUrl,
    now: sendAt,
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
