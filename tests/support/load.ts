import autocannon from 'autocannon'
import type { FakeResend } from './fake-resend'

/** One kind of request in a load run; `path` and `body` are called afresh for every request. */
export interface LoadTarget {
  name: string
  method: 'GET' | 'POST'
  path: () => string
  body?: () => string
  headers: Record<string, string>
}

export interface LoadReport {
  name: string
  connections: number
  seconds: number
  requests: number
  requestsPerSecond: number
  p50: number
  p99: number
  /** connection errors, timeouts included */
  errors: number
  /** requests unanswered after 10 s */
  timeouts: number
  non2xx: number
  /** the first few non-2xx answers and request errors, for the failure message */
  samples: string[]
}

/**
 * `connections` clients, each sending its next request as soon as the last one is answered, for
 * `seconds`; then it stops by itself. With several targets each client takes them in turn.
 */
export async function runLoad(
  baseUrl: string,
  name: string,
  targets: LoadTarget[],
  { connections = 50, seconds = 20 } = {},
): Promise<LoadReport> {
  const samples: string[] = []
  const note = (sample: string) => {
    if (samples.length < 5) samples.push(sample)
  }
  const options: autocannon.Options = {
    url: baseUrl,
    connections,
    duration: seconds,
    // a request that takes this long counts as an error
    timeout: 10,
    requests: targets.map((target) => ({
      setupRequest: (request) => ({
        ...request,
        method: target.method,
        path: target.path(),
        // a copy: autocannon adds the body's content-length to the headers it is given
        headers: { ...target.headers },
        body: target.body?.(),
      }),
      onResponse: (status, body) => {
        if (status < 200 || status > 299) note(`${target.name}: ${status} ${body.slice(0, 300)}`)
      },
    })),
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, done) => (err ? reject(err) : resolve(done)))
    // a connection error or timeout names itself in the failure message too
    instance.on('reqError', (err) => note(`request error: ${String(err)}`))
  })
  return {
    name,
    connections,
    seconds,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon's errors count its timeouts already
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    samples,
  }
}

let serial = 0

/** A POST of JSON that must answer 201; its parsed body. */
export async function postJson(baseUrl: string, path: string, token: string, body: unknown) {
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as any
}

/**
 * An agency with `interviews` logged through the API and their candidate links read from the
 * coaching emails, and the four loads of the product's busiest paths: logging an interview,
 * listing, the stats, and a candidate opening their page.
 */
export async function prepareLoad(
  baseUrl: string,
  adminToken: string,
  fake: FakeResend,
  interviews = 50,
) {
  const post = (path: string, token: string, body: unknown) => postJson(baseUrl, path, token, body)
  // a load run logs more interviews than a day's default send quota
  const created = await post('/v1/agencies', adminToken, {
    name: 'Load Staffing',
    sendQuotas: { agencyPerDay: 20_000 },
  })
  const key: string = created.secretKey.key
  const auth = { authorization: `Bearer ${key}` }
  const interview = () => {
    serial += 1
    return JSON.stringify({
      candidate: { name: `Load Candidate ${serial}`, email: `load${serial}@example.com` },
      roleTitle: 'Analyst',
      clientCompany: serial % 2 ? 'Globex' : 'Initech',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationMinutes: 45,
      format: 'video',
      interviewers: [{ name: 'Priya' }, { name: 'Tom' }],
    })
  }
  const before = fake.sent.length
  for (let i = 0; i < interviews; i++) await post('/v1/interviews', key, JSON.parse(interview()))
  const emails = (await fake.waitForEmails(before + interviews, 30_000)).slice(before)
  const tokens = emails.map((email) => {
    const token = email.text?.match(/\/c\/([A-Za-z0-9_-]+)/)?.[1]
    if (!token) throw new Error(`no candidate link in "${email.subject}"`)
    return token
  })
  let next = 0
  const targets = {
    create: {
      name: 'POST /v1/interviews',
      method: 'POST',
      path: () => '/v1/interviews',
      body: interview,
      headers: { ...auth, 'content-type': 'application/json' },
    },
    list: {
      name: 'GET /v1/interviews',
      method: 'GET',
      path: () => '/v1/interviews?limit=25',
      headers: auth,
    },
    // the widget dashboard's one request: every breakdown, and the period before
    stats: {
      name: 'GET /v1/stats',
      method: 'GET',
      path: () => '/v1/stats?groupBy=week,client,recruiter&compare=previous',
      headers: auth,
    },
    page: {
      name: 'GET /c/:token',
      method: 'GET',
      path: () => `/c/${tokens[next++ % tokens.length]}`,
      headers: {},
    },
  } satisfies Record<string, LoadTarget>
  return { agencyId: created.agency.id as string, key, targets }
}
