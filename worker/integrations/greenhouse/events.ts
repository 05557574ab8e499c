import { sha256Hex } from '../../lib/crypto'
import type { InboundEvent } from '../../schemas/integration'
import type { ProviderContext } from '../adapter'
import { listInterviewers, listUsers, type HarvestInterview } from './harvest'
import { interviewFields, type WebhookApplication } from './mapping'

// The events of Greenhouse's scheduled interviews, shared by the web hooks (adapter.ts) and the
// cron's poll (poll.ts). Event ids come from the records, not from how they were heard of: a
// version of an interview read by a web hook and again by the poll is one event.

export const idOf = async (kind: string, interviewId: number, content: unknown) =>
  `greenhouse:${kind}:${interviewId}:${(await sha256Hex(JSON.stringify(content))).slice(0, 24)}`

/** The interview as Harvest has it now; the version (updated_at) orders it. */
export async function scheduleEvent(
  interview: ScheduledInterview,
  application: WebhookApplication,
  context: ProviderContext,
): Promise<InboundEvent> {
  const fields = interviewFields(interview, application, context.integration.settings)
  const occurredAt = interview.updated_at ?? interview.created_at ?? context.now.toISOString()
  return {
    id: await idOf('interview', interview.id, { occurredAt, fields }),
    event:
      interview.updated_at === interview.created_at ? 'interview.scheduled' : 'interview.updated',
    occurredAt,
    interview: fields,
  }
}

const DAY_MS = 24 * 60 * 60 * 1000

export const startOf = (interview: HarvestInterview) =>
  Date.parse(interview.starts_at ?? interview.all_day_start_on ?? '')
/** an all-day interview ends when its last day does */
const endOf = (interview: HarvestInterview) =>
  interview.ends_at
    ? Date.parse(interview.ends_at)
    : Date.parse(interview.all_day_end_on ?? '') + DAY_MS

/**
 * Whether the interview is still to end: one over before we heard of it gets no coaching email,
 * so only coming ones are reported.
 */
export const isComing = (interview: HarvestInterview, now: Date) => endOf(interview) > now.getTime()

/** An interview with its panel: each attendee's name and address. */
export interface ScheduledInterview extends HarvestInterview {
  panel: { name: string; email: string }[]
}

/**
 * A name for an attendee Greenhouse knows only by address (someone outside the organization):
 * the words of the address's local part, "jordan.lee@…" → "Jordan Lee".
 */
export function nameFromAddress(email: string): string {
  const words = (email.split('@')[0] ?? '').split(/[._-]+/).filter((w) => /^[a-z]+$/i.test(w))
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join(' ') || email
}

/**
 * The interviews with their panels: v3 keeps an interview's attendees in their own list, and the
 * names of those who are Greenhouse users with the users. Two reads for any number of interviews
 * (up to 50 a call).
 */
export async function withPanels(
  context: ProviderContext,
  interviews: HarvestInterview[],
): Promise<ScheduledInterview[]> {
  if (interviews.length === 0) return []
  const attendees = await listInterviewers(
    context,
    interviews.map((interview) => interview.id),
  )
  const userIds = attendees.flatMap((attendee) => attendee.user_id ?? [])
  const names = new Map((await listUsers(context, userIds)).map((u) => [u.id, u.name]))
  return interviews.map((interview) => ({
    ...interview,
    // Harvest lists the newest first; the panel keeps the order it was made in
    panel: attendees
      .filter((attendee) => attendee.interview_id === interview.id)
      .sort((a, b) => a.id - b.id)
      .map((attendee) => ({
        name: (attendee.user_id && names.get(attendee.user_id)) || nameFromAddress(attendee.email),
        email: attendee.email,
      })),
  }))
}
