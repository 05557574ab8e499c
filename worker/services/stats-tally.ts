import type { StatsGroupBy } from '../schemas/stats'

// What a stats request counts before it becomes figures: per scope (the agency, the viewer's own,
// each group of each breakdown) how many interviews reached each fact, and the median time to a
// first note. Two counters fill it: stats-days.ts from the day and week counts the writes keep (what
// the route runs), stats-facts.ts from one row per interview (the reference the tests and the
// bench compare it with).

export interface FigureCounts {
  interviews: number
  coached: number
  delivered: number
  pageOpened: number
  draftUsed: number
  sent: number
  onTime: number
  fullCoverage: number
  inWindow: number
  textsSent: number
  textsDelivered: number
  textsFailed: number
}

export interface OutcomeCounts {
  interviews: number
  withOutcome: number
  advanced: number
  offer: number
  hired: number
}

export interface Tally {
  counts: FigureCounts
  /** hours from the end to the first note, over coached interviews with a note; null: none */
  median: number | null
}

export interface Tallies {
  agency: Tally
  /** a recruiter session's own interviews; null for an agency-wide viewer */
  own: Tally | null
  /** each breakdown's groups by key (a recruiter session's hold its own interviews only) */
  groups: Map<StatsGroupBy, Map<string | null, Tally>>
  outcomes: { withNote: OutcomeCounts; withoutNote: OutcomeCounts }
  /** the period before (`TallyRequest.previous`): its totals and own figures; null if not asked */
  previous: { agency: Tally; own: Tally | null } | null
}

/** How a counter is asked: the breakdowns, the range in the agency's calendar, and `now`. */
export interface TallyRequest {
  agencyId: string
  ownRecruiterId: string | null
  breakdowns: StatsGroupBy[]
  range: { from: string; to: string }
  /** a period to compare with, which ends the day before `range` starts: totals and own only */
  previous: { from: string; to: string } | null
  timeZone: string
  now: Date
}

export const noCounts = (): FigureCounts => ({
  interviews: 0,
  coached: 0,
  delivered: 0,
  pageOpened: 0,
  draftUsed: 0,
  sent: 0,
  onTime: 0,
  fullCoverage: 0,
  inWindow: 0,
  textsSent: 0,
  textsDelivered: 0,
  textsFailed: 0,
})

export const noOutcomes = (): OutcomeCounts => ({
  interviews: 0,
  withOutcome: 0,
  advanced: 0,
  offer: 0,
  hired: 0,
})

const emptyTally = (): Tally => ({ counts: noCounts(), median: null })

export const emptyTallies = (request: TallyRequest): Tallies => {
  const own = request.ownRecruiterId !== null
  return {
    agency: emptyTally(),
    own: own ? emptyTally() : null,
    groups: new Map(request.breakdowns.map((name) => [name, new Map()])),
    outcomes: { withNote: noOutcomes(), withoutNote: noOutcomes() },
    previous: request.previous ? { agency: emptyTally(), own: own ? emptyTally() : null } : null,
  }
}

/** The group `key` of `breakdown`, made empty on first use. */
export function groupOf(tallies: Tallies, breakdown: StatsGroupBy, key: string | null): Tally {
  const byKey = tallies.groups.get(breakdown)!
  let tally = byKey.get(key)
  if (!tally) byKey.set(key, (tally = emptyTally()))
  return tally
}

/**
 * Everything the figures count of an interview, as interview_facts.profile packs it (migration
 * 2026_12_01_000200_add_text_facts.ts): a bit per fact, then the outcome and the coaching text.
 */
export const bit = {
  coached: 1,
  delivered: 2,
  pageOpened: 4,
  draftUsed: 8,
  noted: 16,
  onTime: 32,
  fullCoverage: 64,
} as const
/** coached without a note: the bits an interview still inside its window has */
export const bitsOfOpen = bit.coached | bit.noted
const outcomeOf = (profile: number) => (profile >> 7) & 7 // 1 advanced, 2 offer, 3 hired, 4, 5
const textOf = (profile: number) => (profile >> 10) & 7 // 1 sent, 2 delivered, 3 undelivered, 4 failed

/**
 * Adds `n` interviews of `profile` to `counts`, `open` of them still inside their note window.
 * Every numerator of a rate counts coached interviews only, so no rate can pass 1; the texts are
 * counts of their own, over every interview.
 */
export function addKind(counts: FigureCounts, profile: number, n: number, open: number) {
  counts.interviews += n
  counts.inWindow += open
  const text = textOf(profile)
  if (text >= 1 && text <= 3) counts.textsSent += n
  if (text === 2) counts.textsDelivered += n
  if (text >= 3) counts.textsFailed += n
  if (!(profile & bit.coached)) return
  counts.coached += n
  if (profile & bit.delivered) counts.delivered += n
  if (profile & bit.pageOpened) counts.pageOpened += n
  if (profile & bit.draftUsed) counts.draftUsed += n
  if (profile & bit.noted) counts.sent += n
  if (profile & bit.onTime) counts.onTime += n
  if (profile & bit.fullCoverage) counts.fullCoverage += n
}

/**
 * Adds `n` interviews of `profile` to the outcomes of coached interviews with a note sent and
 * without one (a negative `n` takes them out): an offer counts as advanced too, a hire as an
 * offer. These show association only.
 */
export function addOutcome(outcomes: Tallies['outcomes'], profile: number, n: number) {
  if (!(profile & bit.coached)) return
  const side = profile & bit.noted ? outcomes.withNote : outcomes.withoutNote
  const outcome = outcomeOf(profile)
  side.interviews += n
  if (outcome === 0) return
  side.withOutcome += n
  if (outcome <= 3) side.advanced += n
  if (outcome === 2 || outcome === 3) side.offer += n
  if (outcome === 3) side.hired += n
}
