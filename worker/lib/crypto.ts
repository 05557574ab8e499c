const encoder = new TextEncoder()

export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * The bytes of canonical base64url, or null. The decoder ignores the unused low bits of the last
 * character, so one value has up to four spellings; only the one `base64url` writes is accepted,
 * so a signature or cursor has exactly one valid form.
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)
  let bytes: Uint8Array<ArrayBuffer>
  try {
    bytes = Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0))
  } catch {
    return null
  }
  return base64url(bytes) === text ? bytes : null
}

/** `bytes` random bytes, base64url: 24 bytes give 192 bits. */
export function randomToken(bytes = 24): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)))
}

const hexOf = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/** The bytes of a 64-digit hex SHA-256 value, or null. */
function fromHex(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(text)) return null
  return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16))
}

export async function sha256Hex(text: string): Promise<string> {
  return hexOf(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
}

export async function hmacSign(secret: string, message: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message))
  return base64url(new Uint8Array(signature))
}

/** Constant-time check of an HMAC signature (subtle.verify compares in constant time). */
export async function hmacVerify(
  secret: string,
  message: string,
  signature: string,
): Promise<boolean> {
  const bytes = fromBase64url(signature)
  if (!bytes) return false
  return crypto.subtle.verify('HMAC', await hmacKey(secret), bytes, encoder.encode(message))
}

/** The hex HMAC-SHA256 of `message`, as webhook senders sign. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return hexOf(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message)))
}

/**
 * Whether `signature` (hex) is the HMAC-SHA256 of `message` under one of `secrets`; checked in
 * constant time by subtle.verify.
 */
export async function hmacSha256HexMatches(
  secrets: string[],
  message: string,
  signature: string,
): Promise<boolean> {
  const bytes = fromHex(signature)
  if (!bytes) return false
  for (const secret of secrets) {
    const key = await hmacKey(secret)
    if (await crypto.subtle.verify('HMAC', key, bytes, encoder.encode(message))) return true
  }
  return false
}

/** Compares two secrets without leaking where they differ: both are hashed first. */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256Hex(a), sha256Hex(b)])
  let diff = 0
  for (let i = 0; i < ha.length; i++) diff |= ha.charCodeAt(i) ^ hb.charCodeAt(i)
  return diff === 0
}
