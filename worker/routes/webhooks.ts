import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { verifySvixSignature } from '../lib/svix'
import { apiRoute, apiRoutes, jsonBody } from '../openapi/route'
import { recordProviderEvent } from '../services/email-events'
import { verifyTwilioSignature } from '../sms/signature'
import { recordInboundText, recordTextStatus } from '../sms/webhook-events'

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

/**
 * What we read of a Twilio webhook: an inbound text (Body) or a status callback (MessageStatus).
 * Twilio sends many more parameters; they are signed too, and pass.
 */
const twilioForm = z.looseObject({
  MessageSid: z.string().min(1).max(64),
  From: z.string().max(64),
  To: z.string().max(64),
  MessagingServiceSid: z.string().max(64).optional(),
  Body: z.string().max(1600).optional(),
  MessageStatus: z.string().max(32).optional(),
  ErrorCode: z.string().max(16).optional(),
})

/**
 * Twilio signs the URL it called and the form's parameters (worker/sms/signature.ts). The URL is
 * the public one Twilio was given, whatever the worker saw behind its proxies. A request that is
 * not Twilio's is refused (403) before anything is read or written.
 */
const twilioSignature = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { authToken } = c.var.config.sms
    if (!authToken) throw new ApiError('unavailable', 'Texts are not configured.')
    const requested = new URL(c.req.url)
    const publicUrl = c.var.config.publicUrl
    const url = publicUrl ? publicUrl + requested.pathname + requested.search : requested.toString()
    const params: [string, string][] = []
    new URLSearchParams(await c.req.text()).forEach((value, name) => params.push([name, value]))
    const signed = await verifyTwilioSignature(
      authToken,
      url,
      params,
      c.req.header('x-twilio-signature'),
    )
    if (!signed) throw new ApiError('forbidden', 'The Twilio signature is not valid.')
    await next()
  })

// Twilio's side of the API, not ours: left out of the API document.
const twilioWebhook = apiRoute({
  method: 'post',
  path: '/twilio',
  hide: true,
  middleware: [twilioSignature()],
  request: {
    body: { content: { 'application/x-www-form-urlencoded': { schema: twilioForm } } },
  },
  responses: { 200: { description: 'TwiML: a reply to HELP, otherwise empty.' } },
})

const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const webhooksRoutes = apiRoutes()
  .openapi(twilioWebhook, async (c) => {
    const form = c.req.valid('form')
    const result =
      form.MessageStatus !== undefined && form.Body === undefined
        ? await recordTextStatus(c.var.db, {
            messageSid: form.MessageSid,
            status: form.MessageStatus,
            errorCode: form.ErrorCode ?? null,
          })
        : await recordInboundText(c.var.db, {
            messageSid: form.MessageSid,
            from: form.From,
            sender: form.MessagingServiceSid ?? form.To,
            body: form.Body ?? '',
          })
    const reply = result.kind === 'help' ? `<Message>${xmlText(result.reply)}</Message>` : ''
    return c.body(`<?xml version="1.0" encoding="UTF-8"?><Response>${reply}</Response>`, 200, {
      'content-type': 'text/xml; charset=utf-8',
    })
  })
  .openapi(resendWebhook, async (c) => {
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
