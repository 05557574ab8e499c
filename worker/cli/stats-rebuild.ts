import { parseArgs } from 'node:util'
import { createDb } from '../../db/client'
import { rebuildInterviewFacts } from '../services/interview-facts'

const usage = `Recompute what the stats read from the interviews, their notes, emails, texts and
events, for one agency or all: the facts of each interview (interview_facts), 1,000 interviews per
transaction, then each agency's counts per day and per week (stats_days), in one statement. Safe while the app
runs: writes go on and stay counted.

  DATABASE_URL=postgres://… npm run stats:rebuild [-- --agency <id>] [--batch 1000]`

const { values } = parseArgs({
  options: {
    agency: { type: 'string' },
    batch: { type: 'string' },
    help: { type: 'boolean' },
  },
})

const url = process.env.DATABASE_URL
if (values.help || !url) {
  console.log(usage)
  if (!url && !values.help) console.error('\nDATABASE_URL is not set.')
  process.exit(values.help ? 0 : 1)
}
const batchSize = Number(values.batch ?? 1_000)
if (!Number.isInteger(batchSize) || batchSize < 1) {
  console.error('--batch must be a positive whole number.')
  process.exit(1)
}

const db = createDb(url)
try {
  const started = Date.now()
  let last = ''
  const total = await rebuildInterviewFacts(db, {
    agencyId: values.agency,
    batchSize,
    onBatch: ({ agencyId, interviews }) => {
      if (agencyId !== last && last) console.log('')
      last = agencyId
      process.stdout.write(`\ragency ${agencyId}: ${interviews.toLocaleString('en')} interviews`)
    },
  })
  if (last) console.log('')
  console.log(
    `Rebuilt the facts of ${total.toLocaleString('en')} interviews and their day counts in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  )
} finally {
  await db.destroy()
}
