import type { Interview, InterviewOutcome } from '../../../worker/schemas/interview'

type Coaching = Interview['coaching']
type Action = 'resend' | 'reschedule' | 'outcome' | 'cancel'

/**
 * The detail panel's words in English (they load with its chunk); the few the list shows too
 * come from the list's (`listEn`).
 */
export const detailEn = {
  interview: 'Interview',
  close: 'Close',
  loading: 'the interview',
  notes: 'Notes',
  messages: 'Messages',
  timeline: 'Timeline',
  actions: 'Actions',
  /** after an interviewer's name */
  noteSent: (when: string) => `note sent ${when}`,
  noNote: 'no note yet',
  /** after a timeline entry still to come */
  toCome: ' (to come)',
  outcome: 'Outcome',
  outcomeIs: (stage: string) => `Outcome: ${stage}`,
  outcomes: {
    advanced: 'Advanced',
    offer: 'Offer made',
    hired: 'Hired',
    rejected: 'Rejected',
    withdrawn: 'Withdrew',
  } satisfies Record<InterviewOutcome, string>,
  /** the "Messages" lines, their parts joined by " · " */
  email: (state: string) => `Coaching email ${state}`,
  emails: {
    queued: 'queued',
    sent: 'sent',
    captured: 'sent',
    delivered: 'delivered',
    bounced: 'bounced',
    failed: 'failed',
    suppressed: 'not sent (the address refuses mail)',
  } satisfies Record<Coaching['email'], string>,
  sentAt: (when: string) => `sent ${when}`,
  attempts: (n: number) => `${n} attempts`,
  emailDueAt: (when: string) => `Coaching email due ${when}`,
  pageOpenedAt: (when: string) => `Coaching page opened ${when}`,
  pageNotOpened: 'Coaching page not opened yet',
  reminders: {
    scheduled: 'Reminder scheduled',
    sent: 'Reminder sent',
    captured: 'Reminder sent',
    skipped: 'Reminder not needed',
    failed: 'Reminder failed',
    none: 'No reminder',
  } satisfies Record<Coaching['reminder'], string>,
  texts: {
    queued: 'Text queued',
    sent: 'Text sent',
    captured: 'Text sent',
    delivered: 'Text delivered',
    undelivered: 'Text not delivered',
    failed: 'Text failed',
    skipped: 'Text not sent',
    canceled: 'Text canceled',
  } satisfies Record<NonNullable<Coaching['text']>['status'], string>,
  textAt: (when: string) => `at ${when}`,
  unsubscribed: 'The candidate unsubscribed from these emails',
  noted: 'Noted in the ATS',
  notNoted: (why = 'no reason given') => `The ATS refused the note: ${why}`,
  toNote: 'Waiting to note it in the ATS',
  /** the timeline's entries */
  logged: (by?: string) => (by ? `Logged by ${by}` : 'Logged'),
  starts: 'Interview starts',
  ends: 'Interview ends',
  emailDue: 'Coaching email due',
  emailSent: 'Coaching email sent',
  textSent: 'Coaching text sent',
  pageOpened: 'Candidate opened the coaching page',
  noteTo: (name: string) => `Note to ${name} sent`,
  windowCloses: '24-hour window for notes closes',
  canceled: 'Canceled',
  /** what can still be done: each button, the question it asks, and what it reports */
  do: {
    resend: 'Re-send coaching email',
    reschedule: 'Reschedule',
    outcome: 'Record outcome',
    cancel: 'Cancel interview',
  } satisfies Record<Action, string>,
  ask: {
    resend: (email: string) => `Send the coaching email to ${email} again?`,
    reschedule: 'Move the interview to a new start? Its emails move with it.',
    outcome: 'Where did the candidate get?',
    cancel: 'Cancel this interview? Messages still to go are stopped and stats leave it out.',
  },
  /** the button that confirms an action, from its label */
  yes: (action: string) => `Yes, ${action.toLowerCase()}`,
  back: 'Back',
  working: 'Working…',
  newStart: 'New start',
  done: {
    resend: 'The coaching email is on its way again.',
    reschedule: (when: string) => `Moved to ${when}. Its emails move with it.`,
    outcome: (stage: string) => `Outcome recorded: ${stage}.`,
    cancel: 'Interview canceled. Nothing more will be sent for it.',
  },
}
