import type { Interview } from '../../../worker/schemas/interview'

type Coaching = Interview['coaching']

/**
 * The list's words in English (they load with its chunk). The detail panel, a chunk the list
 * loads, is handed the few it shows too (`roleAt` to `minutes`), so they load once.
 */
export const listEn = {
  filters: 'Filter interviews',
  search: 'Search',
  searchHint: 'Candidate or client',
  recruiter: 'Recruiter',
  allRecruiters: 'All recruiters',
  client: 'Client',
  allClients: 'All clients',
  status: 'Status',
  from: 'From',
  to: 'To',
  /** the status filter's options, in the order offered; '' is no filter */
  statuses: {
    '': 'Any status',
    scheduled: 'Scheduled',
    awaiting_notes: 'Awaiting notes',
    notes_sent: 'Some notes sent',
    all_notes_sent: 'All notes sent',
    not_emailed: 'Not emailed',
    canceled: 'Canceled',
  } satisfies Record<'' | Coaching['status'], string>,
  /** a row's badges */
  emails: {
    queued: 'Email queued',
    sent: 'Emailed',
    captured: 'Emailed',
    delivered: 'Delivered',
    bounced: 'Bounced',
    failed: 'Email failed',
    suppressed: 'Not emailed',
  } satisfies Record<Coaching['email'], string>,
  emailDue: (when: string) => `Coaching email ${when}`,
  pageOpened: 'Page opened',
  notes: (sent: number, total: number) => `Notes ${sent}/${total}`,
  onTime: 'On time',
  late: 'Late',
  noNote: 'No note in 24 h',
  due: (when: string) => `Due ${when}`,
  reminded: 'Reminded',
  unsubscribed: 'Unsubscribed',
  interviewers: (n: number) => `${n} interviewer${n === 1 ? '' : 's'}`,
  none: 'None',
  details: 'Details',
  /** after "Details", for screen readers */
  detailsOf: (name = 'the interview') => ` of ${name}`,
  /** the detail panel's chunk, while it loads or if it cannot */
  theDetails: 'The details',
  loading: 'interviews',
  noMatch: 'No interviews match these filters.',
  reset: 'Reset filters',
  empty: 'No interviews yet. Log one to start.',
  more: 'Load more',
  // shown by the detail panel too
  roleAt: (role: string, client: string) => `${role} at ${client}`,
  erased: 'Erased candidate',
  upcoming: 'Upcoming',
  minutes: (n: number) => `${n} min`,
}
