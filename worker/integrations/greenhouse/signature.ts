import { hmacSha256HexMatches, randomToken } from '../../lib/crypto'

// Greenhouse signs each web hook with the "Secret key" the agency typed when it made the hook:
// `Signature: sha256 <hex HMAC-SHA256 of the raw body>`. The body is signed exactly as sent
// (Greenhouse escapes <, > and & as \u003c… first), so only the received bytes are checked. There
// is no timestamp in what is signed: a replayed delivery carries its Greenhouse-Event-ID again and
// is a duplicate.

export const signatureHeader = 'Signature'

/** The secret the agency pastes as the web hook's "Secret key"; shown once. */
export const newSigningSecret = () => `ftgh_${randomToken(32)}`

/** Whether `header` signs `rawBody` with `secret`; subtle.verify compares in constant time. */
export async function verifyGreenhouseSignature(
  secret: string,
  header: string | undefined,
  rawBody: string,
): Promise<boolean> {
  const match = /^sha256 ([0-9a-fA-F]{64})$/.exec(header?.trim() ?? '')
  return match !== null && hmacSha256HexMatches([secret], rawBody, match[1]!)
}
