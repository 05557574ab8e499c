import { createApp } from './app'
import type { Env } from './env'

const app = createApp()

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, _env: Env, _ctx: ExecutionContext) {
    // the outbox, reminder and retention jobs hang off this trigger
  },
} satisfies ExportedHandler<Env>
