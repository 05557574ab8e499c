import { randomToken } from '../../lib/crypto'

// The generic webhook's signature: `Followthrough-Signature: t=<unix seconds>,v1=<hex>`, where
// each v1 is the HMAC-SHA256 of `<t>.<raw body>` under the signing secret's UTF-8 bytes. Several
// v1 values may be sent (a sender moving to a new secret signs with both); one must match.

export const signatureHeader = 'Followthrough-Signature'

/** Deliveries signed more than five minutes away from our clock, either way, are refused. */
const toleranceSeconds = 5 * 60

const encoder = new TextEncoder()

/** A new signing secret: 32 random bytes, shown to the agency once. */
export const newSigningSecret = () => `ftwhsec_${randomToken(32)}`

function fromHex(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(text)) return null
  return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16))
}

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
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  const content = encoder.encode(`${timestamp}.${rawBody}`)
  for (const [name, value] of parts.slice(0, 10)) {
    const signature = name === 'v1' ? fromHex(value ?? '') : null
    if (signature && (await crypto.subtle.verify('HMAC', key, signature, content))) return true
  }
  return false
}

/** The header value for `rawBody` signed with `secret` at `at`, as senders compute it. */
export async function signWebhook(secret: string, rawBody: string, at: Date): Promise<string> {
  const timestamp = Math.floor(at.getTime() / 1000)
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${rawBody}`))
  const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `t=${timestamp},v1=${hex}`
}
