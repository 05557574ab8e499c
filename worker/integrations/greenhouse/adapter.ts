import { z } from 'zod'
import { ApiError } from '../../errors'
import type { InboundEvent } from '../../schemas/integration'
import type { DeliveryReading, ProviderAdapter, ProviderContext } from '../adapter'
import { idOf, isComing, scheduleEvent, startOf, withPanels } from './events'
import { listApplicationInterviews } from './harvest'
import { outcomeOf, webhookApplication, type WebhookApplication } from './mapping'
import { writeGreenhouseNote } from './notes'
import { newSigningSecret, signatureHeader, verifyGreenhouseSignature } from './signature'

// Greenhouse's web hooks, read. Greenhouse sends no web hook when an interview is scheduled or
// moved: its interview events are `interview_deleted` (id only) and the application events. So an
// application event (stage change, hire, rejection, update, new application) makes the adapter
// read the application's scheduled interviews from Harvest and report each as it is now, and
// `interview_deleted` cancels one. Event ids come from the records, not the delivery: a version
// of an interview read twice, by a re-sent delivery, another web hook or the cron's poll of
// Harvest (poll.ts, which catches what no web hook announced), is one event (events.ts).

const envelope = z.looseObject({ action: z.string().min(1).max(100), payload: z.unknown() })
const deletedPayload = z.looseObject({ interview: z.looseObject({ id: z.number() }) })
const applicationPayload = z.looseObject({ application: webhookApplication })

/** The application web hooks that may come with interviews scheduled or moved. */
const applicationActions = new Set([
  'new_candidate_application',
  'application_updated',
  'candidate_stage_change',
  'hire_candidate',
  'reject_candidate',
])

function unreadable(message: string): never {
  throw new ApiError('validation_failed', 'The request body is not valid.', [
    { path: 'payload', message },
  ])
}

async function readApplicationEvent(
  context: ProviderContext,
  action: string,
  application: WebhookApplication,
): Promise<DeliveryReading> {
  const interviews = await listApplicationInterviews(context, application.id)
  const coming = interviews.filter((interview) => isComing(interview, context.now))
  const events: InboundEvent[] = []
  for (const interview of await withPanels(context, coming)) {
    events.push(await scheduleEvent(interview, application, context))
  }
  const outcome = outcomeOf(action, application)
  if (outcome) {
    const at = outcome.at ?? context.now.toISOString()
    // the outcome follows the interviews held before it, never one still to come
    for (const interview of interviews.filter((i) => startOf(i) < Date.parse(at))) {
      events.push({
        id: await idOf('outcome', interview.id, outcome),
        event: 'interview.outcome',
        occurredAt: at,
        interview: { externalRef: { id: String(interview.id) } },
        outcome: outcome.at ? { stage: outcome.stage, at: outcome.at } : { stage: outcome.stage },
      })
    }
  }
  if (events.length === 0) {
    return { ignore: `Application ${application.id} has no interview to report.` }
  }
  return { events }
}

async function readGreenhouseDelivery(
  context: ProviderContext,
  rawBody: string,
): Promise<DeliveryReading> {
  let body: unknown
  try {
    body = JSON.parse(rawBody)
  } catch {
    unreadable('Not JSON.')
  }
  const parsed = envelope.safeParse(body)
  if (!parsed.success) unreadable('A Greenhouse web hook is {"action", "payload"}.')
  const { action, payload } = parsed.data
  if (action === 'ping') return { ignore: 'Greenhouse checked the web hook (ping).' }
  if (action === 'interview_deleted') {
    const deleted = deletedPayload.safeParse(payload)
    if (!deleted.success) unreadable('interview_deleted carries interview.id.')
    const id = deleted.data.interview.id
    // the payload has no time: it is the last word on the interview, so now orders it
    return {
      event: {
        id: `greenhouse:deleted:${id}`,
        event: 'interview.canceled',
        occurredAt: context.now.toISOString(),
        interview: { externalRef: { id: String(id) } },
      },
    }
  }
  if (applicationActions.has(action)) {
    const read = applicationPayload.safeParse(payload)
    if (!read.success) unreadable(`${action} carries application.id.`)
    return readApplicationEvent(context, action, read.data.application)
  }
  return { ignore: `Greenhouse ${action} web hooks carry nothing this integration uses.` }
}

/** Greenhouse: its web hooks in, Harvest (v3) read for the interviews, notes written back. */
export const greenhouseAdapter: ProviderAdapter = {
  newSigningSecret,
  // Harvest v3 credentials from Greenhouse's Dev Center, with the scopes README lists
  credentials: z.strictObject({
    clientId: z.string().min(8).max(200),
    clientSecret: z.string().min(8).max(200),
    /** the Greenhouse user (a site admin) the calls act as and the notes are written by */
    userId: z
      .string()
      .regex(/^\d{1,20}$/, 'A Greenhouse user id (digits).')
      .optional(),
  }),
  // where the client company is read from (mapping.ts, clientCompanyOf)
  settings: z.strictObject({
    clientCompany: z.string().trim().min(1).max(160).optional(),
    clientCompanyField: z.string().min(1).max(64).optional(),
  }),
  defaultApiUrl: 'https://harvest.greenhouse.io/v3',
  verifyDelivery: async ({ signingSecret }, { header, rawBody }) =>
    signingSecret !== null &&
    verifyGreenhouseSignature(signingSecret, header(signatureHeader), rawBody),
  readDelivery: (context, { rawBody }) => readGreenhouseDelivery(context, rawBody),
  writeNote: writeGreenhouseNote,
}
