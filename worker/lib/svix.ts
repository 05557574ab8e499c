import { fromBase64url } from './crypto'

/** Svix refuses deliveries signed more than five minutes away from its clock; so do we. */
const toleranceSeconds = 5 * 60

const encoder = new TextEncoder()

export interface SvixHeaders {
  id: string | undefined
  /** unix seconds */
  timestamp: string | undefined
  /** space-separated `v1,<base64>` signatures: several while a secret is being rotated */
  signature: string | undefined
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  return fromBase64url(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
}

/** The HMAC key of a `whsec_<base64>` secret (Svix also accepts the bare base64). */
async function signingKey(secret: string): Promise<CryptoKey | null> {
  const bytes = fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret)
  if (!bytes?.length) return null
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
}

/**
 * Checks a webhook delivery signed the Svix way (Resend's webhooks): one of the `v1` signatures
 * must be the HMAC-SHA256 of `${id}.${timestamp}.${rawBody}`, and the timestamp recent, so a
 * captured delivery cannot be replayed later. subtle.verify compares in constant time.
 */
export async function verifySvixSignature(
  secret: string,
  headers: SvixHeaders,
  rawBody: string,
  now = Date.now(),
): Promise<boolean> {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false
  const key = await signingKey(secret)
  if (!key) return false
  const content = encoder.encode(`${id}.${timestamp}.${rawBody}`)
  for (const entry of signature.split(' ')) {
    const [version, value] = entry.split(',', 2)
    if (version !== 'v1' || !value) continue
    const expected = fromBase64(value)
    if (expected && (await crypto.subtle.verify('HMAC', key, expected, content))) return true
  }
  return false
}
