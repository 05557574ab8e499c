import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { verifySvixSignature } from '../lib/svix'
import { apiRoute, apiRoutes, jsonBody } from '../openapi/route'
import { recordProviderEvent } from '../services/email-events'

/**
 * What we read of a Resend webhook. Unknown fields pass; an `email.*` event must name its email,
 * while other kinds (contacts, domains) carry no email id and are acknowledged and ignored, so
 * Resend does not retry them forever.
 */
const resendEvent = z
  .looseObject({
    type: z.string().min(1),
    created_at: z.string(),
    data: z.looseObject({ email_id: z.string().min(1).optional() }),
  })
  .refine((event) => !event.type.startsWith('email.') || event.data.email_id !== undefined, {
    path: ['data', 'email_id'],
    message: 'Required.',
  })

/**
 * The signature covers the exact bytes Resend sent, so this is the one place that reads a body
 * raw rather than through a validator: re-serialised JSON would not match. Hono caches the text,
 * and the JSON validator after this parses that same text.
 */
const resendSignature = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const secret = c.var.config.email.webhookSecret
    if (!secret) throw new ApiError('unavailable', 'Webhooks are not configured.')
    const signed = await verifySvixSignature(
      secret,
      {
        id: c.req.header('svix-id'),
        timestamp: c.req.header('svix-timestamp'),
        signature: c.req.header('svix-signature'),
      },
      await c.req.text(),
    )
    if (!signed) throw new ApiError('unauthorized', 'The webhook signature is not valid.')
    await next()
  })

// Resend's side of the API, not ours: left out of the API document.
const resendWebhook = apiRoute({
  method: 'post',
  path: '/resend',
  hide: true,
  middleware: [resendSignature()],
  request: { body: jsonBody(resendEvent) },
  responses: { 200: { description: 'Recorded, or acknowledged and ignored.' } },
})

export const webhooksRoutes = apiRoutes().openapi(resendWebhook, async (c) => {
  const event = c.req.valid('json')
  const result = await recordProviderEvent(c.var.db, {
    // the signature check above guarantees the header
    receiptId: c.req.header('svix-id')!,
    type: event.type,
    providerEmailId: event.data.email_id,
    occurredAt: event.created_at,
  })
  return c.json({ ok: true as const, result })
})
