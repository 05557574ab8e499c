import { hmacSign, hmacVerify } from '../../lib/crypto'

// The OAuth `state` of a connect link: the integration it is for and when it expires, signed
// with the server's session secret. The callback takes a code only with a state signed here, for
// the integration in its path, in time, so nobody can attach their own Bullhorn account (or
// replay an old code) to another agency's integration. Nothing is stored for it.

const lifetimeSeconds = 15 * 60
const purpose = 'bullhorn-connect'

/** A state for the integration, good for 15 minutes from `now`. */
export async function signState(secret: string, integrationId: string, now: Date) {
  const expires = Math.floor(now.getTime() / 1000) + lifetimeSeconds
  const signature = await hmacSign(secret, `${purpose}:${integrationId}:${expires}`)
  return { state: `${expires}.${signature}`, expiresAt: new Date(expires * 1000) }
}

/** Whether `state` was signed here for this integration and has not expired. */
export async function checkState(
  secret: string,
  integrationId: string,
  state: string,
  now: Date,
): Promise<boolean> {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{1,100})$/.exec(state)
  if (!match) return false
  const expires = Number(match[1])
  if (expires * 1000 <= now.getTime()) return false
  return hmacVerify(secret, `${purpose}:${integrationId}:${expires}`, match[2]!)
}
