import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { createDb } from '../../db/client'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embedded'
import { migrateToLatest } from '../../db/migrate'
import { dataDir, localSecrets } from './local-config'
import { startLocalWorker } from './local-worker'
import { seedDemoAgency } from './seed'

const port = Number(process.env.PORT ?? 8787)
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`

// the demo agency's keys and the generated secrets live here in either database mode
mkdirSync(dataDir, { recursive: true })
let embedded: EmbeddedPostgres | undefined
let databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite') })
  databaseUrl = embedded.url
}

const db = createDb(databaseUrl)
await migrateToLatest(db)
const origins = [...new Set([publicUrl, `http://localhost:${port}`, `http://127.0.0.1:${port}`])]
const demo = await seedDemoAgency(db, origins)
await db.destroy()

const { secrets, fromEnvironment } = localSecrets()
// texts go through Twilio only when all three are set (worker/config.ts refuses a part of them)
const twilioNames = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_MESSAGING_SERVICE_SID']
const twilioFromEnvironment = Object.fromEntries(
  twilioNames.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
)
const texting = Object.keys(twilioFromEnvironment).length === twilioNames.length
const { mf } = await startLocalWorker({
  port,
  verbose: true,
  bindings: {
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: publicUrl,
    ENVIRONMENT: 'development',
    DEMO_SECRET_KEY: demo.secretKey,
    DEMO_PUBLISHABLE_KEY: demo.publishableKey,
    ...secrets,
    ...(process.env.RESEND_API_KEY ? { RESEND_API_KEY: process.env.RESEND_API_KEY } : {}),
    ...(process.env.RESEND_WEBHOOK_SECRET
      ? { RESEND_WEBHOOK_SECRET: process.env.RESEND_WEBHOOK_SECRET }
      : {}),
    ...twilioFromEnvironment,
  },
})

console.log(`
Followthrough is running at ${publicUrl}

  demo portal   ${publicUrl}/demo  (the widget as a manager sees it; ?as=recruiter for a recruiter)

  database      ${embedded ? `embedded PGlite in .data/pglite (${databaseUrl})` : 'DATABASE_URL'}
  email         ${process.env.RESEND_API_KEY ? 'sent through Resend' : 'captured locally, not sent'}
  texts         ${texting ? 'sent through Twilio' : 'captured locally, not sent'}

  health        ${publicUrl}/health
  API document  ${publicUrl}/openapi.json
  dev mailbox   ${publicUrl}/dev/mailbox${process.env.RESEND_API_KEY ? ' (unused: mail goes to Resend)' : ''}

Demo agency "${demo.name}" (${demo.agencyId})
  secret key       ${demo.secretKey}
  publishable key  ${demo.publishableKey}
  admin token      ${fromEnvironment.has('ADMIN_TOKEN') ? '(ADMIN_TOKEN from the environment)' : secrets.ADMIN_TOKEN}

Log an interview and see its coaching email in the dev mailbox:
  curl -X POST ${publicUrl}/v1/interviews -H "Authorization: Bearer ${demo.secretKey}" \\
    -H "Content-Type: application/json" -d '${JSON.stringify({
      candidate: { name: 'Sam Rivera', email: 'sam@example.com' },
      roleTitle: 'Product Designer',
      clientCompany: 'Acme Health',
      startsAt: new Date(Date.now() - 50 * 60_000).toISOString(),
      durationMinutes: 45,
      format: 'video',
      interviewers: [{ name: 'Jordan Lee', title: 'Design Lead' }],
    })}'
  (add "language": "es" to the candidate for a guide and emails in Spanish: en, es, fr, de, pt, pl)
Stop with Ctrl-C; data is kept in .data/ for the next start.
`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await mf.dispose()
  await embedded?.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
