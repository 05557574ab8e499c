import type { IntegrationProvider } from '../../db/schema'
import { newSigningSecret, signatureHeader, verifyWebhookSignature } from './webhook/signature'

/**
 * What the product needs of each provider. Bullhorn, Greenhouse and Lever join here, each in its
 * own folder: how it proves a delivery is its own, and what it is given when set up.
 */
export interface ProviderAdapter {
  /** a secret the agency configures the sender with, shown once; null when the provider has none */
  newSigningSecret: () => string | null
  /** whether a delivery was signed by the provider, from its headers and exact body */
  verifyDelivery: (
    signingSecret: string | null,
    header: (name: string) => string | undefined,
    rawBody: string,
  ) => Promise<boolean>
}

export const providers: Record<IntegrationProvider, ProviderAdapter> = {
  webhook: {
    newSigningSecret,
    verifyDelivery: async (secret, header, rawBody) =>
      secret !== null && verifyWebhookSignature(secret, header(signatureHeader), rawBody),
  },
}
