import { createDb, type Db } from '../db/client'
import { configOf, ConfigError, type Config } from './config'
import { mailerFor, type Mailer } from './email/mailer'
import { pollBullhorn } from './integrations/bullhorn/poll'
import { pollGreenhouse } from './integrations/greenhouse/poll'
import { drainOutbox } from './outbox/send'
import type { Env } from './env'
import { drainTexts, textOptionsOf } from './sms/send'
import { texterFor } from './sms/twilio'
import { forgetExpiredInterviews } from './services/erasure'
import { compactStatsDays } from './services/interview-facts'
import { forgetClosedSendWindows } from './services/send-quotas'
import { runWriteBacks } from './services/write-backs'

/** the nightly trigger in wrangler.toml; every other trigger drains the outbox */
export const nightlyCron = '30 3 * * *'
const dayMs = 24 * 3_600_000

/**
 * Forgets what only matters for a while: idempotency keys after a day (as Resend does), webhook
 * deliveries after a week (Svix retries for about three days), send quota counts of windows
 * that have closed, and candidate data after the agency's retention period.
 */
async function purgeExpired(db: Db, now: Date) {
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - dayMs))
    .execute()
  // Twilio's requests carry no time, so a captured one could be sent again any day: their
  // receipts (a message id, no personal data) are kept for good
  await db
    .deleteFrom('webhook_receipts')
    .where('received_at', '<', new Date(now.getTime() - 7 * dayMs))
    .where('id', 'not like', 'twilio:%')
    .execute()
  await forgetClosedSendWindows(db, now)
  const retention = await forgetExpiredInterviews(db, now)
  if (retention.interviewsForgotten > 0) console.log('retention', JSON.stringify(retention))
}

async function drain(db: Db, config: Config, now: Date) {
  const mailer = mailerFor(config.email)
  if (config.integrationKeys) await pollProviders(db, config, mailer, now)
  const report = await drainOutbox(db, mailer, now, {
    callsPerSecond: config.email.maxCallsPerSecond,
    linkSecret: config.linkSecret,
  })
  if (report.calls > 0) console.log('outbox', JSON.stringify(report))
  const texts = await drainTexts(db, texterFor(config.sms), now, {
    ...textOptionsOf(config),
    callsPerSecond: config.sms.maxCallsPerSecond,
  })
  if (texts.calls > 0) console.log('texts', JSON.stringify(texts))
  const writeBacks = await runWriteBacks(db, config, now)
  if (writeBacks.written + writeBacks.retried + writeBacks.failed > 0) {
    console.log('write-backs', JSON.stringify(writeBacks))
  }
  // the stats' per-day counts: what the minute's writes appended, folded into a row per key
  await compactStatsDays(db)
}

/**
 * Reads the events of providers that send no webhooks (Bullhorn), and the interviews Greenhouse's
 * web hooks do not announce. Coaching emails their events queue go out at once, as after a
 * request; the outbox drain right after sends any left.
 */
async function pollProviders(db: Db, config: Config, mailer: Mailer, now: Date) {
  const work: ((db: Db) => Promise<unknown>)[] = []
  const request = {
    config,
    mailer,
    afterResponse: (w: (db: Db) => Promise<unknown>) => work.push(w),
  }
  const reports = await pollBullhorn(db, request)
  const greenhouse = await pollGreenhouse(db, request, now)
  for (const send of work) await send(db).catch((err) => console.error('[poll] send', err))
  if (Object.keys(reports).length > 0) console.log('bullhorn', JSON.stringify(reports))
  const busy = Object.entries(greenhouse).filter(([, r]) => r.events > 0 || r.error)
  if (busy.length > 0) console.log('greenhouse', JSON.stringify(Object.fromEntries(busy)))
}

/**
 * The scheduled jobs. Time comes from the trigger (`scheduledTime`), so tests can drive the
 * clock: reminders fall due and retries come round exactly when the trigger says it is. With a
 * configuration problem nothing runs (configOf has logged what is wrong).
 */
export async function runScheduled(env: Env, cron: string, scheduledTime: number) {
  let config: Config
  try {
    config = configOf(env)
  } catch (err) {
    if (err instanceof ConfigError) return
    throw err
  }
  const now = new Date(scheduledTime)
  const db = createDb(config.databaseUrl)
  try {
    await (cron === nightlyCron ? purgeExpired(db, now) : drain(db, config, now))
  } finally {
    await db.destroy()
  }
}
