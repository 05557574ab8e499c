import { parseArgs } from 'node:util'
import { localSecrets } from '../dev/local-config'

const usage = `Create an agency and print its first keys (shown once).

  npm run agency:create -- --name "Northwind Staffing" [--time-zone Europe/London]
                            [--origin https://portal.example.com ...] [--url URL]

Talks to the API at --url (or FOLLOWTHROUGH_URL, default http://localhost:8787) with ADMIN_TOKEN
(locally, the one npm start generated in .data/).`

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    'time-zone': { type: 'string' },
    origin: { type: 'string', multiple: true },
    url: { type: 'string' },
    help: { type: 'boolean' },
  },
})

if (values.help || !values.name) {
  console.log(usage)
  process.exit(values.help ? 0 : 1)
}

const baseUrl = values.url ?? process.env.FOLLOWTHROUGH_URL ?? 'http://localhost:8787'
const adminToken = process.env.ADMIN_TOKEN || localSecrets().secrets.ADMIN_TOKEN

const res = await fetch(new URL('/v1/agencies', baseUrl), {
  method: 'POST',
  headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({
    name: values.name,
    ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
    ...(values.origin ? { allowedOrigins: values.origin } : {}),
  }),
}).catch((err: Error) => {
  console.error(`Could not reach ${baseUrl}: ${err.message}. Is the worker running (npm start)?`)
  process.exit(1)
})

interface Answer {
  agency: { id: string; name: string }
  secretKey: { key: string }
  publishableKey: { key: string }
  error?: { message: string; details?: { path: string; message: string }[] }
}
const body = (await res.json()) as Answer
if (!res.ok) {
  console.error(`Refused (${res.status}): ${body.error?.message ?? 'unknown error'}`)
  for (const detail of body.error?.details ?? [])
    console.error(`  ${detail.path}: ${detail.message}`)
  process.exit(1)
}

console.log(`Created agency "${body.agency.name}" (${body.agency.id})

  secret key       ${body.secretKey.key}
  publishable key  ${body.publishableKey.key}

Store both now: they are not shown again. The secret key stays on your servers; the publishable
key goes in the widget's script tag.`)
