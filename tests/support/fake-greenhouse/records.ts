/**
 * Harvest v1 records as GET /v1/candidates/{id}, /v1/applications/{id} and
 * /v1/scheduled_interviews/{id} return them (greenhouse-api-docs, source/includes/harvest/), with
 * builders that fill in realistic values so a test names only what it cares about.
 */

export interface GreenhouseUser {
  id: number
  first_name: string
  last_name: string
  name: string
  employee_id: string | null
}

export interface GreenhouseEmail {
  value: string
  type: 'personal' | 'work' | 'other'
}

export interface GreenhouseCandidate {
  id: number
  first_name: string
  last_name: string
  company: string | null
  title: string | null
  created_at: string
  updated_at: string
  last_activity: string
  is_private: boolean
  photo_url: string | null
  attachments: { filename: string; url: string; type: string; created_at: string }[]
  application_ids: number[]
  email_addresses: GreenhouseEmail[]
  phone_numbers: { value: string; type: string }[]
  addresses: { value: string; type: string }[]
  website_addresses: { value: string; type: string }[]
  social_media_addresses: { value: string }[]
  recruiter: GreenhouseUser | null
  coordinator: GreenhouseUser | null
  can_email: boolean
  tags: string[]
  educations: unknown[]
  employments: unknown[]
  custom_fields: Record<string, unknown>
  keyed_custom_fields: Record<string, unknown>
  linked_user_ids: number[]
}

export interface GreenhouseApplication {
  id: number
  candidate_id: number
  prospect: boolean
  applied_at: string
  rejected_at: string | null
  last_activity_at: string
  location: { address: string } | null
  source: { id: number; public_name: string } | null
  credited_to: GreenhouseUser | null
  rejection_reason: unknown
  rejection_details: unknown
  jobs: { id: number; name: string }[]
  job_post_id: number | null
  status: 'active' | 'rejected' | 'hired' | 'converted'
  current_stage: { id: number; name: string } | null
  answers: unknown[]
  prospective_office: unknown
  prospective_department: unknown
  prospect_detail: unknown
  custom_fields: Record<string, unknown>
  keyed_custom_fields: Record<string, unknown>
  attachments: unknown[]
}

/** `date_time` for a timed interview, `date` (YYYY-MM-DD) for an all-day one */
export type GreenhouseMoment = { date_time: string } | { date: string }

export interface GreenhouseInterviewer {
  id: number
  employee_id: string | null
  name: string
  email: string
  response_status: 'needs_action' | 'declined' | 'tentative' | 'accepted'
  scorecard_id: number | null
}

export interface GreenhouseScheduledInterview {
  id: number
  application_id: number
  external_event_id: string | null
  start: GreenhouseMoment
  end: GreenhouseMoment
  location: string | null
  video_conferencing_url: string | null
  status: 'scheduled' | 'awaiting_feedback' | 'complete'
  created_at: string
  updated_at: string
  interview: { id: number; name: string }
  organizer: GreenhouseUser
  interviewers: GreenhouseInterviewer[]
}

/** A note POSTed to /v1/candidates/{id}/activity_feed/notes, as the fake stored it. */
export interface GreenhouseNote {
  id: number
  candidate_id: number
  created_at: string
  body: string
  user: GreenhouseUser
  private: boolean
  visibility: 'admin_only' | 'private' | 'public'
  /** the On-Behalf-Of header the call carried */
  on_behalf_of: string
}

let nextId = 4_100_000

/** ids that look like Greenhouse's and never repeat within a test run */
export function greenhouseId(): number {
  nextId += 1
  return nextId
}

/** A new id and a person's names: the overrides' where they give them, the defaults otherwise. */
function person(
  overrides: { first_name?: string; last_name?: string },
  first: string,
  last: string,
) {
  return {
    id: greenhouseId(),
    first_name: overrides.first_name ?? first,
    last_name: overrides.last_name ?? last,
  }
}

export function buildUser(overrides: Partial<GreenhouseUser> = {}): GreenhouseUser {
  const named = person(overrides, 'Jack', 'Shepard')
  return {
    ...named,
    name: `${named.first_name} ${named.last_name}`,
    employee_id: null,
    ...overrides,
  }
}

export function buildCandidate(overrides: Partial<GreenhouseCandidate> = {}): GreenhouseCandidate {
  const at = isoNow()
  const named = person(overrides, 'Kate', 'Austen')
  return {
    ...named,
    company: null,
    title: null,
    created_at: at,
    updated_at: at,
    last_activity: at,
    is_private: false,
    photo_url: null,
    attachments: [],
    application_ids: [],
    email_addresses: [
      {
        value: `${named.first_name}.${named.last_name}@example.com`.toLowerCase(),
        type: 'personal',
      },
    ],
    phone_numbers: [],
    addresses: [],
    website_addresses: [],
    social_media_addresses: [],
    recruiter: null,
    coordinator: null,
    can_email: true,
    tags: [],
    educations: [],
    employments: [],
    custom_fields: {},
    keyed_custom_fields: {},
    linked_user_ids: [],
    ...overrides,
  }
}

export function buildApplication(
  candidateId: number,
  overrides: Partial<GreenhouseApplication> = {},
): GreenhouseApplication {
  const at = isoNow()
  return {
    id: greenhouseId(),
    candidate_id: candidateId,
    prospect: false,
    applied_at: at,
    rejected_at: null,
    last_activity_at: at,
    location: null,
    source: { id: 7, public_name: 'Staffing agency' },
    credited_to: null,
    rejection_reason: null,
    rejection_details: null,
    jobs: [{ id: 3485, name: 'Warehouse Supervisor' }],
    job_post_id: null,
    status: 'active',
    current_stage: { id: 71416, name: 'Face to Face' },
    answers: [],
    prospective_office: null,
    prospective_department: null,
    prospect_detail: null,
    custom_fields: {},
    keyed_custom_fields: {},
    attachments: [],
    ...overrides,
  }
}

export function buildScheduledInterview(
  applicationId: number,
  organizer: GreenhouseUser,
  overrides: Partial<GreenhouseScheduledInterview> = {},
): GreenhouseScheduledInterview {
  const at = isoNow()
  const start = Date.now() + 2 * 24 * 60 * 60 * 1000
  return {
    id: greenhouseId(),
    application_id: applicationId,
    external_event_id: `event${greenhouseId()}`,
    start: { date_time: new Date(start).toISOString() },
    end: { date_time: new Date(start + 45 * 60 * 1000).toISOString() },
    location: 'Big Conference Room',
    video_conferencing_url: null,
    status: 'scheduled',
    created_at: at,
    updated_at: at,
    interview: { id: 7001, name: 'Face to Face' },
    organizer,
    interviewers: [
      {
        id: greenhouseId(),
        employee_id: null,
        name: 'Hugo Reyes',
        email: 'hugo.reyes@example.com',
        response_status: 'accepted',
        scorecard_id: null,
      },
    ],
    ...overrides,
  }
}

export function isoNow(): string {
  return new Date().toISOString()
}
