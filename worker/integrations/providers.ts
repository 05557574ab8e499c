import type { IntegrationProvider } from '../../db/schema'
import type { ProviderAdapter } from './adapter'
import { greenhouseAdapter } from './greenhouse/adapter'
import { leverAdapter } from './lever/adapter'
import { webhookAdapter } from './webhook/adapter'

/** The adapter of each provider; Bullhorn joins here. */
export const providers: Record<IntegrationProvider, ProviderAdapter> = {
  webhook: webhookAdapter,
  greenhouse: greenhouseAdapter,
  lever: leverAdapter,
}
