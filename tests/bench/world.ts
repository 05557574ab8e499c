import type { WorkerOptions } from 'miniflare'
import {
  everyRateLimit,
  startLocalWorker,
  type LocalWorkerOptions,
} from '../../worker/dev/local-worker'
import { createTestDatabase } from '../support/database'
import { resendBindings, startFakeResend } from '../support/fake-resend'
import { testBindings } from '../support/harness'
import type { PgBouncer } from '../support/pgbouncer'

export const ADMIN_TOKEN = 'bench-admin-token-0123456789'

/**
 * The built worker in workerd with a fresh database and a fake Resend, its rate limits far past
 * anything a bench sends (the limiter would otherwise be what we measured). With `pool`, the
 * worker reaches the database through it, as a deployed one does through Hyperdrive.
 */
export async function startBenchWorld(
  options: {
    bindings?: Record<string, string>
    companions?: (WorkerOptions & { name: string })[]
    pool?: PgBouncer
    /** open the worker's V8 inspector on this port (see worker-profile.ts) */
    inspectorPort?: number
  } = {},
) {
  const fake = await startFakeResend()
  const database = await createTestDatabase()
  const databaseUrl = options.pool?.pooledUrl(database.url) ?? database.url
  /** the worker in workerd, reaching the database at `url` */
  const startWorker = (
    url: string,
    extra: Pick<LocalWorkerOptions, 'companions' | 'inspectorPort'> = {},
  ) =>
    startLocalWorker({
      ...extra,
      rateLimits: everyRateLimit(1_000_000_000),
      bindings: {
        DATABASE_URL: url,
        ...testBindings,
        ADMIN_TOKEN,
        PUBLIC_URL: 'http://followthrough.bench',
        ...resendBindings(fake, options.bindings),
      },
    })
  const { mf, url } = await startWorker(databaseUrl, {
    companions: options.companions,
    inspectorPort: options.inspectorPort,
  })
  return {
    fake,
    database,
    /** the address the worker reaches the database at */
    databaseUrl,
    mf,
    url,
    startWorker,
    async close() {
      await mf.dispose()
      await database.close()
      await fake.close()
    },
  }
}
