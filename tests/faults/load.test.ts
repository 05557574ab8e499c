import { describe, expect, it } from 'vitest'
import { runCron } from '../support/factories'
import { resendBindings, type FakeEmail } from '../support/fake-resend'
import { ADMIN_TOKEN } from '../support/harness'
import { prepareLoad, runLoad } from '../support/load'
import { useFakeResend, useHarness } from '../support/lifecycle'

// The full run is 50 clients for 20 s; LOAD_SECONDS shortens it while working on this file. On a
// Postgres server the worker reaches it through PgBouncer, as a deployment does through Hyperdrive.
const seconds = Number(process.env.LOAD_SECONDS ?? 20)
const connections = 50
const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake), { pooled: true })

const isCoaching = (e: FakeEmail) => e.tags.some((t) => t.name === 'kind' && t.value === 'coaching')

describe(`${connections} clients for ${seconds} s on create, list, stats and the candidate page`, () => {
  it('answers every request, and every logged interview gets exactly one coaching email', async () => {
    const { agencyId, targets } = await prepareLoad(h.baseUrl, ADMIN_TOKEN, fake)
    const report = await runLoad(
      h.baseUrl,
      'mixed',
      [targets.create, targets.list, targets.stats, targets.page],
      { connections, seconds },
    )
    console.log(
      `load: ${report.requests} requests, ${report.requestsPerSecond.toFixed(0)}/s, ` +
        `p50 ${report.p50} ms, p99 ${report.p99} ms, ${report.errors} errors, ${report.non2xx} non-2xx`,
    )
    expect(report.samples).toEqual([])
    expect({ errors: report.errors, non2xx: report.non2xx }).toEqual({ errors: 0, non2xx: 0 })
    // each client sent the four in turn for the whole stretch
    expect(report.requests).toBeGreaterThan(4 * connections)

    // Immediate sends still on their way when the load stops finish first (up to 15 s); what the
    // provider never got is the cron's, run past the lease of an interrupted attempt.
    for (let i = 0; i < 150; i++) {
      const { n } = await h.db
        .selectFrom('emails')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('agency_id', '=', agencyId)
        .where('kind', '=', 'coaching')
        .where('state', 'in', ['queued', 'sending'])
        .executeTakeFirstOrThrow()
      if (Number(n) === 0) break
      await new Promise((r) => setTimeout(r, 100))
    }
    await runCron(h, new Date(Date.now() + 3 * 60_000))
    const interviews = await h.db
      .selectFrom('interviews as i')
      .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
      .select('c.email')
      .where('i.agency_id', '=', agencyId)
      .execute()
    const perAddress = new Map<string, number>()
    for (const email of fake.sent.filter(isCoaching)) {
      perAddress.set(email.to[0]!, (perAddress.get(email.to[0]!) ?? 0) + 1)
    }
    const missing = interviews.filter((i) => !perAddress.has(i.email!)).length
    const duplicated = [...perAddress.values()].filter((n) => n > 1).length
    console.log(`load: ${interviews.length} interviews logged, ${perAddress.size} coaching emails`)
    if (missing > 0) {
      const states = await h.db
        .selectFrom('emails')
        .select(['state', 'attempts', 'last_error'])
        .where('agency_id', '=', agencyId)
        .where('kind', '=', 'coaching')
        .where('state', 'not in', ['sent'])
        .execute()
      console.log('coaching emails not sent:', JSON.stringify(states))
    }
    expect({ missing, duplicated }).toEqual({ missing: 0, duplicated: 0 })
    expect(perAddress.size).toBe(interviews.length)
  }, 120_000)
})
