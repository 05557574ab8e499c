import { randomUUID } from 'node:crypto'

/**
 * Lever records as the API returns them inside `{ data }`, after real responses recorded through
 * Nango (NangoHQ/integration-templates, integrations/lever/tests/*.test.json). Every timestamp is
 * epoch ms; an interview's `duration` is in minutes and its `timezone` an IANA name.
 */

export interface LeverOpportunity {
  id: string
  name: string
  contact: string
  headline: string
  stage: string
  confidentiality: 'non-confidential' | 'confidential'
  location: string
  phones: { type: string; value: string }[]
  emails: string[]
  links: string[]
  archived: { reason: string; archivedAt: number } | null
  tags: string[]
  sources: string[]
  stageChanges: { toStageId: string; toStageIndex: number; updatedAt: number; userId: string }[]
  origin: string
  sourcedBy: string | null
  owner: string
  followers: string[]
  applications: string[]
  createdAt: number
  updatedAt: number
  lastInteractionAt: number
  lastAdvancedAt: number
  snoozedUntil: number | null
  urls: { list: string; show: string }
  isAnonymized: boolean
  dataProtection: unknown
  opportunityLocation: string
}

export interface LeverInterviewer {
  id: string
  name: string
  email: string
  feedbackTemplate: string | null
}

export interface LeverInterview {
  id: string
  panel: string
  subject: string
  note: string
  interviewers: LeverInterviewer[]
  timezone: string
  createdAt: number
  /** the start, epoch ms */
  date: number
  /** minutes */
  duration: number
  location: string | null
  feedbackTemplate: string | null
  feedbackForms: string[]
  feedbackReminder: string
  user: string
  stage: string
  /** set when the interview is canceled; it keeps existing (a deletion is another event) */
  canceledAt: number | null
  postings: string[]
  gcalEventUrl: string | null
  opportunityId: string
}

/** A note written through POST /v1/opportunities/{id}/notes, as the fake stored it. */
export interface LeverNote {
  id: string
  opportunityId: string
  /** the `perform_as` query parameter, null when the call had none */
  performAs: string | null
  value: string
  secret: boolean
  score: number | null
  createdAt: number
  /** the opportunity's stage when the note was written */
  stage: string
  /** how many times `note_id=` rewrote it */
  edits: number
}

export const LEVER_OWNER_ID = '32bc4d3b-5f8e-4c4e-9a55-7d5f0a3b1c01'

export function buildOpportunity(overrides: Partial<LeverOpportunity> = {}): LeverOpportunity {
  const id = overrides.id ?? randomUUID()
  const now = Date.now()
  const stage = overrides.stage ?? 'applicant-new'
  return {
    id,
    name: 'Maya Lindqvist',
    contact: randomUUID(),
    headline: 'Forklift operator',
    stage,
    confidentiality: 'non-confidential',
    location: 'Columbus, OH',
    phones: [{ type: 'mobile', value: '5555550100' }],
    emails: ['maya.lindqvist@example.com'],
    links: [],
    archived: null,
    tags: [],
    sources: ['Agency'],
    stageChanges: [{ toStageId: stage, toStageIndex: 0, updatedAt: now, userId: LEVER_OWNER_ID }],
    origin: 'agency',
    sourcedBy: null,
    owner: LEVER_OWNER_ID,
    followers: [LEVER_OWNER_ID],
    applications: [randomUUID()],
    createdAt: now,
    updatedAt: now,
    lastInteractionAt: now,
    lastAdvancedAt: now,
    snoozedUntil: null,
    urls: {
      list: 'https://hire.lever.co/candidates',
      show: `https://hire.lever.co/candidates/${id}`,
    },
    isAnonymized: false,
    dataProtection: null,
    opportunityLocation: 'Columbus, OH',
    ...overrides,
  }
}

export function buildInterview(
  opportunityId: string,
  overrides: Partial<LeverInterview> = {},
): LeverInterview {
  const now = Date.now()
  return {
    id: randomUUID(),
    panel: randomUUID(),
    subject: 'On-site interview',
    note: '',
    interviewers: [
      {
        id: randomUUID(),
        name: 'Taylor Conlin',
        email: 'taylor.conlin@example.com',
        feedbackTemplate: null,
      },
    ],
    timezone: 'America/New_York',
    createdAt: now,
    date: now + 2 * 24 * 60 * 60 * 1000,
    duration: 45,
    location: '200 Main St, Columbus',
    feedbackTemplate: null,
    feedbackForms: [],
    feedbackReminder: 'daily',
    user: LEVER_OWNER_ID,
    stage: 'on-site-interview',
    canceledAt: null,
    postings: [randomUUID()],
    gcalEventUrl: null,
    opportunityId,
    ...overrides,
  }
}
