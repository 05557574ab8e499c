import { z } from 'zod'
import { ApiError } from '../../errors'
import { inboundEvent } from '../../schemas/integration'
import { detailsOf } from '../../validate'
import type { ProviderAdapter } from '../adapter'
import { postNotesSent, writeBackUrlOf } from './write-back'
import { newSigningSecret, signatureHeader, verifyWebhookSignature } from './signature'

/** The generic signed webhook: any ATS, Zapier or Make sends our own event shape. */
export const webhookAdapter: ProviderAdapter = {
  newSigningSecret,
  // it calls nobody: whatever credentials it is given are only kept
  credentials: z.record(z.string(), z.string()),
  // where "notes sent" goes back, signed like the events it sends (none: no write-back)
  settings: z.looseObject({ writeBackUrl: z.url({ protocol: /^https?$/ }).optional() }),
  defaultApiUrl: '',
  verifyDelivery: async ({ signingSecret }, { header, rawBody }) =>
    signingSecret !== null &&
    verifyWebhookSignature(signingSecret, header(signatureHeader), rawBody),
  readDelivery: async (_context, { rawBody }) => {
    const parsed = inboundEvent.safeParse(JSON.parse(rawBody))
    if (!parsed.success) {
      throw new ApiError(
        'validation_failed',
        'The request body is not valid.',
        detailsOf(parsed.error),
      )
    }
    return { event: parsed.data }
  },
  writesBack: (settings) => writeBackUrlOf(settings) !== null,
  writeNote: postNotesSent,
}
