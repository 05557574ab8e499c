import { createHmac, randomBytes } from 'node:crypto'

/** A fresh `whsec_` secret, as Resend shows one for a webhook endpoint. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

/**
 * A Svix `v1` signature, computed with Node's crypto rather than the worker's code, so the two
 * implementations check each other.
 */
export function signSvixPayload(
  secret: string,
  id: string,
  timestamp: number | string,
  rawBody: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const digest = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64')
  return `v1,${digest}`
}

/** Headers of a delivery signed now (or at `timestamp`, unix seconds). */
export function svixHeaders(
  secret: string,
  id: string,
  rawBody: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(timestamp),
    'svix-signature': signSvixPayload(secret, id, timestamp, rawBody),
  }
}
