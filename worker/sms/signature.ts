import { fromBase64url } from '../lib/crypto'

// Twilio signs each webhook request with X-Twilio-Signature: base64 of the HMAC-SHA1, under the
// account's auth token, of the URL it called (with the query) followed by every POST parameter,
// sorted by name, each name then its value (a repeated name gives each distinct value, sorted).
// Twilio is not consistent about a default port in that URL, so both forms are accepted, as its
// own helper libraries do.

const encoder = new TextEncoder()

/** The signed text of a request to `url` with these form parameters. */
export function signedContent(url: string, params: [string, string][]): string {
  const values = new Map<string, Set<string>>()
  for (const [name, value] of params) values.set(name, (values.get(name) ?? new Set()).add(value))
  let content = url
  for (const name of [...values.keys()].sort()) {
    for (const value of [...values.get(name)!].sort()) content += name + value
  }
  return content
}

/** The URL as written with and without its scheme's default port. */
function urlForms(url: string): string[] {
  const parsed = new URL(url)
  if (parsed.port) return [parsed.toString()]
  const withPort = new URL(parsed)
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80'
  const written = parsed.toString()
  return [written, written.replace(parsed.host, `${withPort.hostname}:${defaultPort}`)]
}

/** Whether `signature` is Twilio's for a request to `url` with `params`; constant time. */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: [string, string][],
  signature: string | undefined,
): Promise<boolean> {
  if (!signature) return false
  const bytes = fromBase64url(signature.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
  if (!bytes || bytes.length !== 20) return false
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(authToken),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['verify'],
  )
  for (const form of urlForms(url)) {
    const content = encoder.encode(signedContent(form, params))
    if (await crypto.subtle.verify('HMAC', key, bytes, content)) return true
  }
  return false
}
