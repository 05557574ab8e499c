import { Resend } from 'resend'
import type { OutgoingMessage } from '../../db/schema'
import type { Config } from '../config'

export type SendOutcome =
  | { ok: true; providerIds: string[] }
  | {
      ok: false
      /** no answer came: Resend may or may not have accepted the mail */
      ambiguous: boolean
      /** worth trying again later */
      retryable: boolean
      retryAfterSeconds: number | null
      error: string
    }

/** The one way mail leaves: Resend in production, the local capture otherwise. */
export interface Mailer {
  /** captured mail is kept in the outbox for the dev mailbox instead of being sent */
  readonly captures: boolean
  send(message: OutgoingMessage, idempotencyKey: string): Promise<SendOutcome>
  /** at most 100 messages, all or none */
  sendBatch(messages: OutgoingMessage[], idempotencyKey: string): Promise<SendOutcome>
}

export const maxBatchSize = 100

function payloadOf(message: OutgoingMessage) {
  return {
    from: message.from,
    to: [message.to],
    subject: message.subject,
    html: message.html,
    text: message.text,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    headers: message.headers,
    tags: message.tags.map((t) => ({
      name: t.name,
      value: t.value.replace(/[^A-Za-z0-9_-]/g, '_'),
    })),
  }
}

/** What the SDK answers instead of throwing: data or an error, and the response's headers. */
type ResendResult<T> =
  | { data: T; error: null; headers: Record<string, string> | null }
  | {
      data: null
      // as the provider sent it: the SDK's type promises more than a proxy's answer may carry
      error: { statusCode?: number | null; name?: string; message?: string }
      headers: Record<string, string> | null
    }

function outcomeOf<T>(result: ResendResult<T>, ids: (data: T) => string[]): SendOutcome {
  if (!result.error) return { ok: true, providerIds: ids(result.data) }
  const status = result.error.statusCode ?? null
  const retryAfter = Number(result.headers?.['retry-after'])
  return {
    ok: false,
    ambiguous: status === null,
    retryable: status === null || status === 429 || status >= 500,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    error:
      `${status ?? 'no answer'} ${result.error.name ?? ''}: ${result.error.message ?? ''}`.slice(
        0,
        500,
      ),
  }
}

export function resendMailer(
  apiKey: string,
  options: { baseUrl?: string; timeoutMs?: number } = {},
): Mailer {
  const resend = new Resend(apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined)
  // the SDK has no timeout of its own: a hung provider would hold the request forever
  const timeoutMs = options.timeoutMs ?? 15_000
  return {
    captures: false,
    async send(message, idempotencyKey) {
      const result = await resend.emails.send(payloadOf(message), {
        idempotencyKey,
        signal: AbortSignal.timeout(timeoutMs),
      })
      return outcomeOf<{ id: string }>(result, (data) => [data.id])
    },
    async sendBatch(messages, idempotencyKey) {
      if (messages.length > maxBatchSize)
        throw new Error(`A batch holds at most ${maxBatchSize} emails.`)
      const result = await resend.batch.send(messages.map(payloadOf), {
        idempotencyKey,
        signal: AbortSignal.timeout(timeoutMs),
      })
      return outcomeOf<{ data: { id: string }[] }>(result, (data) => data.data.map((d) => d.id))
    },
  }
}

/** Local development without RESEND_API_KEY: every message is "sent" into the dev mailbox. */
export const captureMailer: Mailer = {
  captures: true,
  async send() {
    return { ok: true, providerIds: [`captured_${crypto.randomUUID()}`] }
  },
  async sendBatch(messages) {
    return { ok: true, providerIds: messages.map(() => `captured_${crypto.randomUUID()}`) }
  },
}

/** Resend when an API key is configured; otherwise (never in production) the local capture. */
export function mailerFor(email: Config['email']): Mailer {
  if (email.mode === 'capture' || !email.apiKey) return captureMailer
  return resendMailer(email.apiKey, {
    baseUrl: email.baseUrl ?? undefined,
    timeoutMs: email.timeoutMs,
  })
}
