import { sql } from 'kysely'
import { postJson } from '../support/load'
import { ADMIN_TOKEN, startBenchWorld } from './world'

/**
 * One cron run of the outbox against a backlog of `logged` × 20 due emails, with the ceiling
 * `callsPerSecond`: how fast the calls actually went out, and how many emails that moved. The
 * backlog is made the way it happens: interviews logged while Resend fails, then multiplied in
 * SQL as resends of the same messages.
 */
export async function benchDrain(callsPerSecond: number, logged = 100) {
  const { fake, database, mf, url, close } = await startBenchWorld({
    bindings: { RESEND_MAX_RPS: String(callsPerSecond) },
  })
  try {
    const post = (path: string, token: string, body: unknown) =>
      postJson(url.origin, path, token, body)
    const created = await post('/v1/agencies', ADMIN_TOKEN, { name: 'Drain Staffing' })
    fake.down({ status: 500 })
    for (let i = 0; i < logged; i++) {
      await post('/v1/interviews', created.secretKey.key, {
        candidate: { name: `Drain ${i}`, email: `drain${i}@example.com` },
        roleTitle: 'Analyst',
        clientCompany: 'Globex',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        durationMinutes: 45,
        format: 'video',
        interviewers: [{ name: 'Priya' }],
      })
    }
    // let the failed immediate sends settle, then multiply the backlog
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await sql`
      insert into emails (agency_id, interview_id, kind, state, next_attempt_at, message)
      select e.agency_id, e.interview_id, 'resend', 'queued', e.next_attempt_at, e.message
      from emails e cross join generate_series(1, 19)
      where e.kind = 'coaching'`.execute(database.db)
    const due = await database.db
      .selectFrom('emails')
      .select([sql<number>`count(*)::int`.as('n'), sql<Date>`max(next_attempt_at)`.as('last')])
      .where('kind', '<>', 'reminder')
      .where('state', '=', 'queued')
      .executeTakeFirstOrThrow()
    fake.up()
    fake.reset()

    const worker = await mf.getWorker()
    const started = performance.now()
    await worker.scheduled({
      scheduledTime: new Date(due.last.getTime() + 1000),
      cron: '* * * * *',
    })
    const seconds = (performance.now() - started) / 1000
    const times = fake.calls.map((call) => call.receivedAt.getTime()).sort((a, b) => a - b)
    const emails = fake.sent.length
    const spanSeconds = (times[times.length - 1]! - times[0]!) / 1000
    let peak = 0
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++
      peak = Math.max(peak, i - j + 1)
    }
    return {
      backlog: due.n,
      calls: times.length,
      emails,
      seconds,
      /** calls per second between the first call and the last */
      callsPerSecond: (times.length - 1) / spanSeconds,
      emailsPerSecond: emails / seconds,
      /** most calls inside any one second */
      peak,
    }
  } finally {
    await close()
  }
}
