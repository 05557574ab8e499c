/**
 * Harvest v3 records as its list routes return them (GET /v3/users, /v3/candidates,
 * /v3/applications, /v3/jobs, /v3/departments, /v3/interviews, /v3/interviewers, /v3/notes), with
 * builders that fill in realistic values so a test names only what it cares about. v3 keeps
 * parents by id (an application's `job_id`, an interview's `organizer_id`) and the panel of an
 * interview in its own resource; date-times are ISO-8601 UTC and end in `_at`, dates in `_on`.
 */

export interface GreenhouseUser {
  id: number
  first_name: string
  last_name: string
  name: string
  primary_email: string | null
  emails: string[]
  site_admin: boolean
  deactivated: boolean
  employee_id: string | null
  created_at: string
  updated_at: string
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
  private: boolean
  can_email: boolean
  tags: string[]
  email_addresses: GreenhouseEmail[]
  phone_numbers: { value: string; type: string }[]
  custom_fields: Record<string, unknown>
  last_activity_at: string
  created_at: string
  updated_at: string
}

export interface GreenhouseApplication {
  id: number
  candidate_id: number
  job_id: number | null
  prospect: boolean
  status: 'in_process' | 'rejected' | 'hired' | 'converted'
  stage_name: string | null
  recruiter_id: number | null
  rejected_at: string | null
  last_activity_at: string
  custom_fields: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface GreenhouseDepartment {
  id: number
  name: string
  parent_id: number | null
}

export interface GreenhouseJob {
  id: number
  name: string
  status: 'open' | 'draft' | 'closed'
  department_id: number | null
  office_ids: number[]
  custom_fields: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface GreenhouseInterview {
  id: number
  application_id: number
  job_id: number | null
  job_interview_id: number | null
  /** null for an all-day interview (then `all_day_*_on` hold its dates) or one not yet scheduled */
  starts_at: string | null
  ends_at: string | null
  all_day_start_on: string | null
  all_day_end_on: string | null
  location: string | null
  video_conferencing_url: string | null
  external_event_id: string | null
  status: 'scheduled' | 'awaiting_feedback' | 'complete' | 'to_be_scheduled' | 'skipped'
  organizer_id: number | null
  created_at: string
  updated_at: string
}

/** One attendee of an interview (GET /v3/interviewers): a Greenhouse user, or an outside address. */
export interface GreenhouseInterviewer {
  id: number
  interview_id: number
  user_id: number | null
  email: string
  response_status: 'needs_action' | 'declined' | 'tentative' | 'accepted'
  scorecard_id: number | null
  created_at: string
  updated_at: string
}

/** A note as GET /v3/notes shows it: visibility in its read spelling (`*_visible`). */
export interface GreenhouseNote {
  id: number
  candidate_id: number
  application_id: number | null
  user_id: number
  body: string
  subject: string | null
  type: 'NOTE' | 'ACTIVITY' | 'EMAIL'
  visibility: 'publicly_visible' | 'privately_visible' | 'admin_only_visible'
  created_at: string
  updated_at: string
}

let nextId = 4_100_000

/** ids that look like Greenhouse's and never repeat within a test run */
export function greenhouseId(): number {
  nextId += 1
  return nextId
}

export function isoNow(): string {
  return new Date().toISOString()
}

const stamps = () => {
  const at = isoNow()
  return { created_at: at, updated_at: at }
}

export function buildUser(overrides: Partial<GreenhouseUser> = {}): GreenhouseUser {
  const first = overrides.first_name ?? 'Jack'
  const last = overrides.last_name ?? 'Shepard'
  const email = `${first}.${last}@agency.example`.toLowerCase()
  return {
    id: greenhouseId(),
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    primary_email: email,
    emails: [email],
    site_admin: true,
    deactivated: false,
    employee_id: null,
    ...stamps(),
    ...overrides,
  }
}

export function buildCandidate(overrides: Partial<GreenhouseCandidate> = {}): GreenhouseCandidate {
  const first = overrides.first_name ?? 'Kate'
  const last = overrides.last_name ?? 'Austen'
  return {
    id: greenhouseId(),
    first_name: first,
    last_name: last,
    company: null,
    title: null,
    private: false,
    can_email: true,
    tags: [],
    email_addresses: [{ value: `${first}.${last}@example.com`.toLowerCase(), type: 'personal' }],
    phone_numbers: [],
    custom_fields: {},
    last_activity_at: isoNow(),
    ...stamps(),
    ...overrides,
  }
}

export function buildApplication(
  candidateId: number,
  jobId: number | null,
  overrides: Partial<GreenhouseApplication> = {},
): GreenhouseApplication {
  return {
    id: greenhouseId(),
    candidate_id: candidateId,
    job_id: jobId,
    prospect: false,
    status: 'in_process',
    stage_name: 'Face to Face',
    recruiter_id: null,
    rejected_at: null,
    last_activity_at: isoNow(),
    custom_fields: {},
    ...stamps(),
    ...overrides,
  }
}

export function buildJob(
  departmentId: number | null,
  overrides: Partial<GreenhouseJob> = {},
): GreenhouseJob {
  return {
    id: greenhouseId(),
    name: 'Warehouse Supervisor',
    status: 'open',
    department_id: departmentId,
    office_ids: [],
    custom_fields: {},
    ...stamps(),
    ...overrides,
  }
}

export function buildInterview(
  applicationId: number,
  jobId: number | null,
  organizerId: number | null,
  overrides: Partial<GreenhouseInterview> = {},
): GreenhouseInterview {
  const start = Date.now() + 2 * 24 * 60 * 60 * 1000
  return {
    id: greenhouseId(),
    application_id: applicationId,
    job_id: jobId,
    job_interview_id: 7001,
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(start + 45 * 60 * 1000).toISOString(),
    all_day_start_on: null,
    all_day_end_on: null,
    location: 'Big Conference Room',
    video_conferencing_url: null,
    external_event_id: `event${greenhouseId()}`,
    status: 'scheduled',
    organizer_id: organizerId,
    ...stamps(),
    ...overrides,
  }
}
