import { z } from 'zod'
import type { InboundEvent } from '../../schemas/integration'
import type { InterviewOutcome } from '../../schemas/interview'
import type { ScheduledInterview } from './events'

// Greenhouse's web hook payloads and Harvest's interviews, turned into the shared event
// shape. Fields Greenhouse lacks are left out: the product records such a record as ignored, with
// the reason, when it is applied.

const named = z.looseObject({ name: z.string().nullish() })
const customFields = z.record(z.string(), z.unknown()).nullish()

/** The `application` every application and candidate web hook carries (its common attributes). */
export const webhookApplication = z.looseObject({
  id: z.number(),
  status: z.string().nullish(),
  last_activity_at: z.string().nullish(),
  rejected_at: z.string().nullish(),
  current_stage: named.nullish(),
  candidate: z
    .looseObject({
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      email_addresses: z
        .array(z.looseObject({ value: z.string(), type: z.string().nullish() }))
        .nullish(),
    })
    .nullish(),
  jobs: z
    .array(
      named.extend({
        departments: z.array(named).nullish(),
        custom_fields: customFields,
      }),
    )
    .nullish(),
  custom_fields: customFields,
  offer: z.looseObject({ resolved_at: z.string().nullish() }).nullish(),
})
export type WebhookApplication = z.infer<typeof webhookApplication>

type Settings = Record<string, unknown>

/** A custom field's value as text: web hooks send `{name, type, value}`, Harvest the value. */
function customText(fields: Record<string, unknown> | null | undefined, key: string) {
  const field = fields?.[key]
  const value =
    typeof field === 'object' && field !== null ? (field as { value?: unknown }).value : field
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/**
 * The client the candidate interviews with. Agencies on Greenhouse keep the client in different
 * places, so the rule is explicit, first match wins:
 * 1. `settings.clientCompany`: one fixed name, for an agency that recruits for one client;
 * 2. `settings.clientCompanyField`: the key of a custom field, read on the job, then the application;
 * 3. the job's first department (where most agencies file their clients' jobs).
 * None of these: no client, and the product records the interview as ignored, saying so.
 */
export function clientCompanyOf(application: WebhookApplication, settings: Settings) {
  if (typeof settings.clientCompany === 'string' && settings.clientCompany.trim() !== '') {
    return settings.clientCompany
  }
  const job = application.jobs?.[0]
  if (typeof settings.clientCompanyField === 'string') {
    const key = settings.clientCompanyField
    return customText(job?.custom_fields, key) ?? customText(application.custom_fields, key)
  }
  return job?.departments?.[0]?.name ?? undefined
}

/** A personal address first (the candidate reads it), else the first one. */
function candidateEmail(application: WebhookApplication) {
  const addresses = application.candidate?.email_addresses ?? []
  return (addresses.find((a) => a.type === 'personal') ?? addresses[0])?.value
}

/** A link to a video call makes it a video interview; a location naming a phone, a phone one. */
function formatOf(interview: ScheduledInterview) {
  if (interview.video_conferencing_url) return 'video'
  if (/\b(phone|call)\b/i.test(interview.location ?? '')) return 'phone'
  return 'onsite'
}

const defined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null))

/** The interview fields of one scheduled interview of the application. */
export function interviewFields(
  interview: ScheduledInterview,
  application: WebhookApplication,
  settings: Settings,
): InboundEvent['interview'] {
  const candidate = application.candidate
  const name = [candidate?.first_name, candidate?.last_name].filter(Boolean).join(' ')
  return {
    externalRef: { id: String(interview.id) },
    candidate: defined({ name: name || undefined, email: candidateEmail(application) }),
    ...defined({
      roleTitle: application.jobs?.[0]?.name,
      clientCompany: clientCompanyOf(application, settings),
      startsAt: interview.starts_at,
      endsAt: interview.ends_at,
      format: formatOf(interview),
      recruiterExternalId: interview.organizer_id
        ? `greenhouse:${interview.organizer_id}`
        : undefined,
    }),
    interviewers: interview.panel.map((person) => ({ name: person.name, email: person.email })),
  }
}

/**
 * Where an application web hook says the candidate got, or null when it says nothing of it.
 * hire_candidate: hired; reject_candidate: rejected; candidate_stage_change: hired or rejected by
 * the application's status, offer when the new stage's name says "offer", otherwise advanced.
 */
export function outcomeOf(
  action: string,
  application: WebhookApplication,
): { stage: InterviewOutcome; at: string | undefined } | null {
  const at = application.last_activity_at ?? undefined
  if (action === 'hire_candidate')
    return { stage: 'hired', at: application.offer?.resolved_at ?? at }
  if (action === 'reject_candidate') return { stage: 'rejected', at: application.rejected_at ?? at }
  if (action !== 'candidate_stage_change') return null
  if (application.status === 'hired') return { stage: 'hired', at }
  if (application.status === 'rejected')
    return { stage: 'rejected', at: application.rejected_at ?? at }
  if (/\boffer\b/i.test(application.current_stage?.name ?? '')) return { stage: 'offer', at }
  return { stage: 'advanced', at }
}
