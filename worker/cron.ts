import { createDb } from '../db/client'
import { drainOutbox } from './email/outbox'
import { mailerFor } from './email/mailer'
import { connectionString, type Env } from './env'

/**
 * The scheduled jobs. Time comes from the trigger (`scheduledTime`), so tests can drive the
 * clock: reminders fall due and retries come round exactly when the trigger says it is.
 */
export async function runScheduled(env: Env, scheduledTime: number) {
  const url = connectionString(env)
  if (!url) return
  const db = createDb(url)
  try {
    const report = await drainOutbox(db, mailerFor(env), new Date(scheduledTime), {
      callsPerSecond: Number(env.RESEND_MAX_RPS ?? 2),
    })
    if (report.calls > 0) console.log('outbox', JSON.stringify(report))
  } finally {
    await db.destroy()
  }
}
