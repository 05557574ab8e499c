import { z } from 'zod'
import { email, language, line, origin, timeZone } from './common'

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Must be a colour such as #1f6feb.')

// What a mail client could show as somebody else's address; checked after NFKC, which folds
// full-width forms (＠, ．) into the plain characters.
const addressOrLink = [
  /@/,
  /:\/\//,
  /\bwww[.\u3002]/i,
  // word.tld: a full stop between letters or digits and two or more letters, as in a domain
  /[\p{L}\p{N}][.\u3002]\p{L}{2,}(?![\p{L}\p{N}])/u,
]

/**
 * Whether a name may stand in an email's From line beside our shared address without posing as
 * another sender. "St. Mary's Staffing" passes: a full stop before a space is not a domain's.
 */
export function isPlainSenderName(name: string): boolean {
  const text = name.normalize('NFKC')
  return !addressOrLink.some((pattern) => pattern.test(text))
}

const senderName = line(80).refine(
  isPlainSenderName,
  'Must be a plain name such as "Northwind Careers": no email address, link or domain name.',
)

export const brandingInput = z.strictObject({
  logoUrl: z
    .string()
    .max(500)
    .refine((v) => v.startsWith('https://') && URL.canParse(v), 'Must be an https:// URL.')
    .nullable()
    .optional(),
  primaryColor: hexColor.optional(),
  accentColor: hexColor.optional(),
  senderName: senderName.nullable().optional(),
  replyTo: email.nullable().optional(),
})

export const routingMode = z.enum(['direct', 'via_recruiter'])

export const sendQuotasInput = z.strictObject({
  agencyPerDay: z.number().int().min(1).max(20_000).optional(),
  recruiterPerHour: z.number().int().min(1).max(1_000).optional(),
})

const clockTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Must be a time of day such as 21:00.')

/** Which messages may also go by text. */
export const textKind = z.enum(['coaching', 'reminder'])

/** Texts to candidates who agreed to them: off until the agency turns them on. */
export const smsSettingsInput = z.strictObject({
  enabled: z.boolean().optional(),
  /** no text goes between start and end, in the candidate's local time; it waits */
  quietHours: z.strictObject({ start: clockTime, end: clockTime }).optional(),
  messages: z.array(textKind).max(2).optional(),
})

const agencySettings = {
  name: line(120),
  branding: brandingInput,
  routingMode,
  reminderHours: z.number().int().min(1).max(23),
  coachingDelayMinutes: z.number().int().min(0).max(120),
  timeZone,
  /** what candidates are coached in when an interview does not say */
  defaultLanguage: language,
  allowedOrigins: z.array(origin).max(20),
  retentionDays: z.number().int().min(30).max(3650),
  sendQuotas: sendQuotasInput,
  sms: smsSettingsInput,
}

export const createAgencyBody = z.strictObject({
  ...agencySettings,
  branding: brandingInput.optional(),
  routingMode: routingMode.optional(),
  reminderHours: agencySettings.reminderHours.optional(),
  coachingDelayMinutes: agencySettings.coachingDelayMinutes.optional(),
  timeZone: timeZone.optional(),
  defaultLanguage: language.optional(),
  allowedOrigins: agencySettings.allowedOrigins.optional(),
  retentionDays: agencySettings.retentionDays.optional(),
  sendQuotas: sendQuotasInput.optional(),
  sms: smsSettingsInput.optional(),
})

export const updateAgencyBody = z
  .strictObject(agencySettings)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.')

export const agency = z.object({
  id: z.uuid(),
  name: z.string(),
  branding: z.object({
    logoUrl: z.string().nullable(),
    primaryColor: z.string(),
    accentColor: z.string(),
    senderName: z.string().nullable(),
    replyTo: z.string().nullable(),
  }),
  routingMode,
  reminderHours: z.number().int(),
  /** the coaching email goes this many minutes after an interview ends */
  coachingDelayMinutes: z.number().int(),
  timeZone: z.string(),
  defaultLanguage: language,
  allowedOrigins: z.array(z.string()),
  retentionDays: z.number().int(),
  sendQuotas: z.object({
    /** coaching emails the agency may queue per UTC day */
    agencyPerDay: z.number().int(),
    /** coaching emails queued in one recruiter's name per hour */
    recruiterPerHour: z.number().int(),
  }),
  sms: z.object({
    enabled: z.boolean(),
    quietHours: z.object({ start: z.string(), end: z.string() }),
    messages: z.array(textKind),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})

export const quotaWindow = z.object({
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  windowStart: z.iso.datetime(),
  resetsAt: z.iso.datetime(),
})

export const sendUsage = z.object({
  agency: quotaWindow,
  recruiters: z.array(quotaWindow.extend({ recruiterId: z.uuid(), name: z.string() })),
})

export const apiKeyKind = z.enum(['secret', 'publishable'])

export const apiKey = z.object({
  id: z.uuid(),
  kind: apiKeyKind,
  name: z.string().nullable(),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
})

/**
 * A key as returned at creation: the only time its secret is shown. A replay of the same
 * Idempotency-Key returns the same key with `key: null`, because secrets are never stored.
 */
export const createdApiKey = apiKey.extend({ key: z.string().nullable() })

export const createdAgency = z.object({
  agency,
  secretKey: createdApiKey,
  publishableKey: createdApiKey,
})

export const createKeyBody = z.strictObject({
  kind: apiKeyKind,
  name: line(80).optional(),
})

export const keyList = z.object({ data: z.array(apiKey), nextCursor: z.string().nullable() })

export type Agency = z.infer<typeof agency>
export type QuotaWindow = z.infer<typeof quotaWindow>
export type SendUsage = z.infer<typeof sendUsage>
export type ApiKey = z.infer<typeof apiKey>
export type CreatedApiKey = z.infer<typeof createdApiKey>
export type CreateAgencyInput = z.infer<typeof createAgencyBody>
export type UpdateAgencyInput = z.infer<typeof updateAgencyBody>
