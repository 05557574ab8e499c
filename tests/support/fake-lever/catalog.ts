import { randomUUID } from 'node:crypto'
import type { Route } from '../fake-ats/server'
import { listPage, notFound } from './answers'

/**
 * The account-wide records of the fake Lever that an opportunity points at: job postings, the
 * pipeline's stages and the archive reasons. Shapes after Lever's documentation
 * (hire.lever.co/developer/documentation: "Postings", "Stages", "Archive reasons"): a posting's
 * `text` is the job title and `categories` its team, department, location, commitment and level;
 * stages are listed in pipeline order; an archive reason's `type` is "hired" or "non-hired".
 * Assumed: the default pipeline's stage ids (Lever's own are readable for leads and new
 * applicants, UUIDs for the rest; readable here for legible tests) and the reasons' ids.
 */

export interface LeverPosting {
  id: string
  text: string
  state: 'published' | 'internal' | 'closed' | 'draft' | 'pending' | 'rejected'
  categories: {
    team: string | null
    department: string | null
    location: string | null
    commitment: string | null
    level: string | null
  }
  owner: string
  hiringManager: string | null
  createdAt: number
  updatedAt: number
}

export interface LeverStage {
  id: string
  text: string
}

export interface LeverArchiveReason {
  id: string
  text: string
  status: 'active' | 'inactive'
  type: 'hired' | 'non-hired'
}

export const defaultStages: LeverStage[] = [
  { id: 'lead-new', text: 'New lead' },
  { id: 'lead-reached-out', text: 'Reached out' },
  { id: 'lead-responded', text: 'Responded' },
  { id: 'applicant-new', text: 'New applicant' },
  { id: 'recruiter-screen', text: 'Recruiter screen' },
  { id: 'on-site-interview', text: 'On-site interview' },
  { id: 'reference-check', text: 'Reference check' },
  { id: 'offer', text: 'Offer' },
]

export const ARCHIVE_REASONS = {
  hired: 'a1d5e3c0-3b8f-4f4e-9d1c-000000000001',
  underqualified: 'a1d5e3c0-3b8f-4f4e-9d1c-000000000002',
  withdrew: 'a1d5e3c0-3b8f-4f4e-9d1c-000000000003',
}

export const defaultArchiveReasons: LeverArchiveReason[] = [
  { id: ARCHIVE_REASONS.hired, text: 'Hired', status: 'active', type: 'hired' },
  {
    id: ARCHIVE_REASONS.underqualified,
    text: 'Underqualified',
    status: 'active',
    type: 'non-hired',
  },
  { id: ARCHIVE_REASONS.withdrew, text: 'Withdrew', status: 'active', type: 'non-hired' },
]

export function buildPosting(overrides: Partial<LeverPosting> = {}): LeverPosting {
  const now = Date.now()
  return {
    id: randomUUID(),
    text: 'Forklift Operator',
    state: 'published',
    categories: {
      team: 'Warehouse',
      department: 'Acme Logistics',
      location: 'Columbus, OH',
      commitment: 'Full-time',
      level: null,
    },
    owner: '32bc4d3b-5f8e-4c4e-9a55-7d5f0a3b1c01',
    hiringManager: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
}

export interface CatalogState {
  postings: Map<string, LeverPosting>
  stages: LeverStage[]
  archiveReasons: LeverArchiveReason[]
}

/** GET /v1/<path>/:id over a list of records with ids; 404 naming the `kind` when none has it. */
function readById(
  path: string,
  kind: string,
  records: (state: CatalogState) => { id: string }[],
): Route<CatalogState> {
  return {
    method: 'GET',
    path: new RegExp(`^/v1/${path}/([^/]+)$`),
    run: (_call, [id], state) => {
      const record = records(state).find((r) => r.id === id)
      if (!record) throw notFound(kind, id!)
      return { status: 200, body: { data: record } }
    },
  }
}

export const catalogRoutes: Route<CatalogState>[] = [
  {
    method: 'GET',
    path: /^\/v1\/postings\/([^/]+)$/,
    run: (_call, [id], state) => {
      const posting = state.postings.get(id!)
      if (!posting) throw notFound('posting', id!)
      return { status: 200, body: { data: posting } }
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/stages$/,
    run: (call, _params, state) => listPage(call, state.stages),
  },
  readById('stages', 'stage', (state) => state.stages),
  readById('archive_reasons', 'archive reason', (state) => state.archiveReasons),
]
