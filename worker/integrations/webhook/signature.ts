import { hmacSha256Hex, hmacSha256HexMatches, randomToken } from '../../lib/crypto'

// The generic webhook's signature: `Followthrough-Signature: t=<unix seconds>,v1=<hex>`, where
// each v1 is the HMAC-SHA256 of `<t>.<raw body>` under the signing secret's UTF-8 bytes. Several
// v1 values may be sent (a sender moving to a new secret signs with both); one must match.

export const signatureHeader = 'Followthrough-Signature'

/** Deliveries signed more than five minutes away from our clock, either way, are refused. */
const toleranceSeconds = 5 * 60

/** A new signing secret: 32 random bytes, shown to the agency once. */
export const newSigningSecret = () => `ftwhsec_${randomToken(32)}`

/**
 * Whether `header` signs `rawBody` with `secret`, recently. The timestamp is inside what is
 * signed, so a captured delivery cannot be re-sent later with a fresh one; subtle.verify
 * compares in constant time.
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string,
  now = Date.now(),
): Promise<boolean> {
  if (!header || header.length > 2000) return false
  const parts = header.split(',').map((part) => part.trim().split('=', 2))
  const timestamps = parts.filter(([name]) => name === 't').map(([, value]) => value ?? '')
  const [timestamp] = timestamps
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamp!)) return false
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false
  const content = `${timestamp}.${rawBody}`
  for (const [name, value] of parts.slice(0, 10)) {
    if (name === 'v1' && (await hmacSha256HexMatches([secret], content, value ?? ''))) return true
  }
  return false
}

/** The header value for `rawBody` signed with `secret` at `at`, as senders compute it. */
export async function signWebhook(secret: string, rawBody: string, at: Date): Promise<string> {
  const timestamp = Math.floor(at.getTime() / 1000)
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, `${timestamp}.${rawBody}`)}`
}
