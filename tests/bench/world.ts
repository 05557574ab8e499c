import type { WorkerOptions } from 'miniflare'
import { everyRateLimit, startLocalWorker } from '../../worker/dev/local-worker'
import { createTestDatabase } from '../support/database'
import { resendBindings, startFakeResend } from '../support/fake-resend'
import { testBindings } from '../support/harness'

export const ADMIN_TOKEN = 'bench-admin-token-0123456789'

/**
 * The built worker in workerd with a fresh database and a fake Resend, its rate limits far past
 * anything a bench sends (the limiter would otherwise be what we measured).
 */
export async function startBenchWorld(
  options: {
    bindings?: Record<string, string>
    companions?: (WorkerOptions & { name: string })[]
  } = {},
) {
  const fake = await startFakeResend()
  const database = await createTestDatabase()
  const { mf, url } = await startLocalWorker({
    rateLimits: everyRateLimit(1_000_000_000),
    bindings: {
      DATABASE_URL: database.url,
      ...testBindings,
      ADMIN_TOKEN,
      PUBLIC_URL: 'http://followthrough.bench',
      ...resendBindings(fake, options.bindings),
    },
    companions: options.companions,
  })
  return {
    fake,
    database,
    mf,
    url,
    async close() {
      await mf.dispose()
      await database.close()
      await fake.close()
    },
  }
}
