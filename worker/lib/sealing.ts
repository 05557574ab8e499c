import { base64url, fromBase64url } from './crypto'

// Secrets we must be able to read back (an integration's credentials and signing secret) are
// sealed with AES-256-GCM under a key the database never sees, each value with its own random
// IV and bound to what it belongs to, so a sealed value copied onto another row does not open.
// A sealed value names its key, so keys can rotate: the first key of the ring seals, every key
// of it opens.

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** One key of the ring as configured: raw 32 bytes, or (outside production) derived from a secret. */
export type SealingKeySource =
  { id: string; raw: Uint8Array<ArrayBuffer> } | { id: string; derivedFrom: string }

export interface Keyring {
  sealingKeyId: string
  keys: Map<string, CryptoKey>
}

async function importKey(source: SealingKeySource): Promise<CryptoKey> {
  if ('raw' in source) {
    return crypto.subtle.importKey('raw', source.raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
  }
  // HKDF, so the development key shares nothing usable with the secret it comes from
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(source.derivedFrom),
    'HKDF',
    false,
    ['deriveKey'],
  )
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('followthrough'),
      info: encoder.encode('integration sealing key'),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

export async function keyringOf(sources: SealingKeySource[]): Promise<Keyring> {
  const keys = new Map<string, CryptoKey>()
  for (const source of sources) keys.set(source.id, await importKey(source))
  return { sealingKeyId: sources[0]!.id, keys }
}

/** `<key id>.<iv>.<ciphertext>`: `plaintext` sealed for `context` (what it belongs to). */
export async function seal(ring: Keyring, context: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    ring.keys.get(ring.sealingKeyId)!,
    encoder.encode(plaintext),
  )
  return `${ring.sealingKeyId}.${base64url(iv)}.${base64url(new Uint8Array(ciphertext))}`
}

/** The plaintext of a value sealed for `context`; null when no key of the ring opens it. */
export async function unseal(
  ring: Keyring,
  context: string,
  sealed: string,
): Promise<string | null> {
  const [keyId, ivText, ciphertextText] = sealed.split('.')
  const key = keyId === undefined ? undefined : ring.keys.get(keyId)
  const iv = fromBase64url(ivText ?? '')
  const ciphertext = fromBase64url(ciphertextText ?? '')
  if (!key || !iv || !ciphertext) return null
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
      key,
      ciphertext,
    )
    return decoder.decode(plaintext)
  } catch {
    return null
  }
}

/**
 * `keyId:base64-of-32-bytes`, comma-separated, as INTEGRATION_KEYS holds them; a string naming
 * the problem when the text is not that.
 */
export function parseSealingKeys(text: string): SealingKeySource[] | string {
  const sources: SealingKeySource[] = []
  for (const entry of text.split(',').map((e) => e.trim())) {
    const match = entry.match(/^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/_-]+={0,2})$/)
    const raw = match
      ? fromBase64url(match[2]!.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
      : null
    if (!match || raw?.length !== 32) {
      return 'INTEGRATION_KEYS must list keyId:base64 entries of 32 random bytes, comma-separated.'
    }
    if (sources.some((s) => s.id === match[1])) return `INTEGRATION_KEYS names ${match[1]} twice.`
    sources.push({ id: match[1]!, raw })
  }
  return sources
}
