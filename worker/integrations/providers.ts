import type { IntegrationProvider } from '../../db/schema'
import type { ProviderAdapter } from './adapter'
import { leverAdapter } from './lever/adapter'
import { webhookAdapter } from './webhook/adapter'

/** The adapter of each provider; Bullhorn and Greenhouse join here. */
export const providers: Record<IntegrationProvider, ProviderAdapter> = {
  webhook: webhookAdapter,
  lever: leverAdapter,
}
