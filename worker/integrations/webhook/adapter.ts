import { z } from 'zod'
import { ApiError } from '../../errors'
import { inboundEvent } from '../../schemas/integration'
import { detailsOf } from '../../validate'
import type { ProviderAdapter } from '../adapter'
import { newSigningSecret, signatureHeader, verifyWebhookSignature } from './signature'

/** The generic signed webhook: any ATS, Zapier or Make sends our own event shape. */
export const webhookAdapter: ProviderAdapter = {
  newSigningSecret,
  // it calls nobody: whatever credentials it is given are only kept
  credentials: z.record(z.string(), z.string()),
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
}
