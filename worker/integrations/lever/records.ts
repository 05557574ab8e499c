// The parts of Lever's records the integration reads (every time is epoch milliseconds).

export interface LeverOpportunity {
  id: string
  /** the candidate's name */
  name: string
  emails: string[]
  /** the Lever user who owns the opportunity: the recruiter */
  owner: string | null
}

export interface LeverInterview {
  id: string
  /** the start */
  date: number
  /** minutes */
  duration: number
  location: string | null
  interviewers: { id?: string; name: string; email?: string | null }[]
  /** set once canceled: Lever keeps a canceled interview */
  canceledAt: number | null
  /** the job postings the interview is for */
  postings: string[]
  user?: string | null
}

export interface LeverPosting {
  id: string
  /** the job title */
  text: string
  categories?: { department?: string | null; team?: string | null } | null
}

export interface LeverStage {
  id: string
  text: string
}

export interface LeverArchiveReason {
  id: string
  text: string
  /** whether archiving for this reason means the candidate was hired */
  type: 'hired' | 'non-hired'
}

export interface LeverNote {
  id: string
  noteId?: string
  fields?: { value?: unknown }[]
}

/** A Lever id as one segment of an API path. */
export const segment = (id: string) => encodeURIComponent(id)
