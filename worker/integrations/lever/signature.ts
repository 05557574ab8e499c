import { z } from 'zod'
import { hmacSha256HexMatches } from '../../lib/crypto'

// Lever signs each webhook inside its body, not in a header: `signature` is the hex HMAC-SHA256
// of `token + triggeredAt` (the delivery's random token, then the epoch milliseconds in decimal)
// under the signature token Lever shows for the webhook. Lever shows one token per event type, so
// the agency may paste several, separated by commas or spaces; one must match.

/** Deliveries triggered more than five minutes away from our clock, either way, are refused. */
const toleranceMs = 5 * 60_000

/** The envelope of every Lever webhook; `data` is the event's own. */
export const leverWebhook = z.object({
  triggeredAt: z.number().int().nonnegative(),
  event: z.string().min(1).max(64),
  signature: z.string(),
  token: z.string().min(1).max(200),
  data: z.record(z.string(), z.unknown()).nullish(),
})
export type LeverWebhook = z.infer<typeof leverWebhook>

/** The webhook envelope of a raw body, or null when it is not one. */
export function parseLeverWebhook(rawBody: string): LeverWebhook | null {
  try {
    const parsed = leverWebhook.safeParse(JSON.parse(rawBody))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The signature tokens an integration's `webhookToken` credential holds. */
export const signatureTokensOf = (credential: string | undefined) =>
  (credential ?? '').split(/[\s,]+/).filter((token) => token !== '')

/**
 * Whether the body is a Lever webhook signed with one of `signatureTokens`, recently.
 * triggeredAt is inside what is signed, so a captured delivery cannot be sent again later with a
 * fresh time; subtle.verify compares in constant time.
 */
export async function verifyLeverSignature(
  signatureTokens: string[],
  rawBody: string,
  now = Date.now(),
): Promise<boolean> {
  const webhook = parseLeverWebhook(rawBody)
  if (!webhook) return false
  if (Math.abs(now - webhook.triggeredAt) > toleranceMs) return false
  const content = `${webhook.token}${webhook.triggeredAt}`
  return hmacSha256HexMatches(signatureTokens.slice(0, 20), content, webhook.signature)
}
