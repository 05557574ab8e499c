import { z } from 'zod'
import type { ProviderAdapter } from '../adapter'
import { writeBullhornNote } from './notes'

// Bullhorn sends no webhooks: its events are read from an event subscription by the cron
// (poll.ts), after the agency connects through OAuth (connect.ts). Deliveries to
// POST /integrations/:id/events are never Bullhorn's.

const field = z.string().trim().min(1).max(500)

export const bullhornAdapter: ProviderAdapter = {
  newSigningSecret: () => null,
  // the API key's client id and secret, and the API user, whose name finds its data center
  credentials: z.strictObject({ clientId: field, clientSecret: field, username: field }),
  // the Note action the "notes sent" note is filed under: one of the corporation's
  // commentActionList (default: Other)
  settings: z.looseObject({ noteAction: z.string().trim().min(1).max(100).optional() }),
  defaultApiUrl: 'https://rest.bullhornstaffing.com',
  verifyDelivery: async () => false,
  readDelivery: async () => ({ ignore: 'Bullhorn sends no webhooks; events are polled' }),
  writeNote: writeBullhornNote,
}
