import { createApp } from './app'
import { runScheduled } from './cron'
import type { Env } from './env'

const app = createApp()

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runScheduled(env, controller.cron, controller.scheduledTime)
  },
} satisfies ExportedHandler<Env>
