import type { IntegrationProvider } from '../../db/schema'
import type { ProviderAdapter } from './adapter'
import { bullhornAdapter } from './bullhorn/adapter'
import { greenhouseAdapter } from './greenhouse/adapter'
import { leverAdapter } from './lever/adapter'
import { webhookAdapter } from './webhook/adapter'

/** The adapter of each provider. */
export const providers: Record<IntegrationProvider, ProviderAdapter> = {
  webhook: webhookAdapter,
  bullhorn: bullhornAdapter,
  greenhouse: greenhouseAdapter,
  lever: leverAdapter,
}
