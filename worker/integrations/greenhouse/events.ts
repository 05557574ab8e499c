import { sha256Hex } from '../../lib/crypto'
import type { InboundEvent } from '../../schemas/integration'
import type { ProviderContext } from '../adapter'
import type { ScheduledInterview } from './harvest'
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

export const startOf = (interview: ScheduledInterview) =>
  Date.parse(interview.start?.date_time ?? interview.start?.date ?? '')
const endOf = (interview: ScheduledInterview) =>
  Date.parse(interview.end?.date_time ?? interview.end?.date ?? '')

/**
 * Whether the interview is still to end: one over before we heard of it gets no coaching email,
 * so only coming ones are reported.
 */
export const isComing = (interview: ScheduledInterview, now: Date) =>
  endOf(interview) > now.getTime()
