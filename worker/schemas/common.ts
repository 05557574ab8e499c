import { z } from 'zod'
import { languages } from '../i18n/catalog'
import { knowsTimeZone } from '../lib/intl'

// One wording for missing fields everywhere, instead of "expected string, received undefined".
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'Required.' : undefined,
})

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const lineBreaks = /[\r\n\u2028\u2029]/
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * A single line of user text: trimmed, NFC-normalised, no control characters or line breaks
 * (they could reach an email header), no broken UTF-16.
 */
export function line(max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'Must not be empty.')
        .max(max, `At most ${max} characters.`)
        .refine(
          (s) => !controlChars.test(s) && !lineBreaks.test(s),
          'Must be a single line of plain text.',
        )
        .refine((s) => !loneSurrogate.test(s), 'Contains invalid characters.'),
    )
}

/** Multi-line user text: like `line`, but line breaks and tabs are allowed. */
export function paragraph(max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, `At most ${max} characters.`)
        .refine((s) => !controlChars.test(s), 'Contains control characters.')
        .refine((s) => !loneSurrogate.test(s), 'Contains invalid characters.'),
    )
}

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'At most 254 characters.')
  .pipe(z.email('Must be an email address.'))

/**
 * A phone number in E.164, as Twilio takes it: "+", a country code (no leading zero), at most 15
 * digits in all, no spaces or punctuation.
 */
export const phoneNumber = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'Must be a phone number in E.164 form, such as +14155550123.')

export const uuid = z.uuid()

/** A path that names a resource by its id: any other id is a 404, not a 400. */
export const idPath = z.object({ id: uuid })

const regionName = /^[A-Za-z][A-Za-z_-]*(\/[A-Za-z][A-Za-z_-]*)+$/

/**
 * An IANA region name (Area/Location) that JavaScript knows, or UTC. Offsets ("+05:00"),
 * POSIX-style names ("UTC+5", "EST5EDT") and bare abbreviations ("CET") are refused outright:
 * Postgres, which draws the agency's day boundaries, reads them otherwise (to it "+05:00" is five
 * hours west of UTC, "CET" never has summer time). The agency service then checks that Postgres
 * knows the name and reads it the same way.
 */
export const timeZone = z
  .string()
  .max(64)
  .refine(
    (tz) => (tz === 'UTC' || regionName.test(tz)) && knowsTimeZone(tz),
    'Must be an IANA time zone such as Europe/London or UTC; not an offset (+05:00), a POSIX-style name (UTC+5, EST5EDT) or an abbreviation (CET).',
  )

/** A language candidates are coached in (ISO 639-1). */
export const language = z
  .enum(languages)
  .describe('en English, es Spanish, fr French, de German, pt Portuguese, pl Polish')

/** An exact web origin: scheme, host and optional port, nothing after. */
export const origin = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
    } catch {
      return false
    }
  }, 'Must be an origin such as https://portal.example.com (no path, no trailing slash).')

export const pageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
})

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  }),
})
