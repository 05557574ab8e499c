import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgency, interviewBody, runCron, type TestAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'

// The nightly purge forgets people whose every interview is past retention. A recruiter may log a
// new interview for one of them while it runs: that person must keep their candidate row, their
// links and their mail. Old interviews are written straight into the database (the API takes
// only the last 14 days); the new ones go through the API at the same moment as the purge.

const nightly = '30 3 * * *'
const day = 24 * 3_600_000
// the embedded engine runs one connection at a time, so only a real server can interleave: the
// full count runs there, a smaller one on the embedded engine
const people = process.env.TEST_DATABASE_URL ? 200 : 40
const rounds = process.env.TEST_DATABASE_URL ? 2 : 1
const concurrency = 20

let h: Harness
let agency: TestAgency
beforeAll(async () => {
  h = await startHarness()
  // more interviews than the default daily send quota
  agency = await createAgency(h, { sendQuotas: { agencyPerDay: 20_000, recruiterPerHour: 1_000 } })
})
afterAll(() => h?.close())

/** People whose only interview started 13 days ago: due for the purge 360 days from now. */
async function peopleDueForPurge(round: number): Promise<string[]> {
  const addresses = Array.from({ length: people }, (_, i) => `race-${round}-${i}@example.org`)
  await sql`
    with people as (
      insert into candidates (agency_id, email)
      select ${agency.id}::uuid, address
      from jsonb_array_elements_text(${JSON.stringify(addresses)}::text::jsonb) as address
      returning id
    )
    insert into interviews (agency_id, candidate_id, role_title, client_company, starts_at, ends_at, duration_minutes, format)
    select ${agency.id}::uuid, id, 'Analyst', 'Globex', now() - interval '13 days', now() - interval '13 days' + interval '45 minutes', 45, 'video'
    from people
  `.execute(h.db)
  return addresses
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>) {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
    }),
  )
}

describe('retention purge erases people who are being given a new interview', () => {
  it(`keeps everyone logged during the purge (${rounds} × ${people} concurrent creates)`, async () => {
    for (let round = 0; round < rounds; round++) {
      const addresses = await peopleDueForPurge(round)
      const created: { id: string; email: string }[] = []
      const statuses: number[] = []
      const purgeAt = new Date(Date.now() + 360 * day)
      await Promise.all([
        runCron(h, purgeAt, nightly),
        inParallel(addresses, async (email) => {
          const res = await h.request('POST', '/v1/interviews', {
            token: agency.secretKey,
            json: interviewBody({ candidate: { name: 'Returning Candidate', email } }),
          })
          statuses.push(res.status)
          if (res.status === 201) created.push({ id: res.body.id, email })
        }),
      ])
      expect(statuses.filter((s) => s !== 201)).toEqual([])
      // the purge did its work: every old interview is forgotten
      const { rows: left } = await sql<{ n: number }>`
        select count(*)::int as n from interviews
        where agency_id = ${agency.id} and forgotten_at is null and starts_at < now() - interval '12 days'
      `.execute(h.db)
      expect(left[0]!.n).toBe(0)

      // every new interview keeps its candidate, as the API and the database see it
      for (const { id, email } of created) {
        const read = await h.request('GET', `/v1/interviews/${id}`, { token: agency.secretKey })
        expect(read.body.candidate, `interview ${id}`).toMatchObject({
          name: 'Returning Candidate',
          email,
        })
      }
      const { rows: lost } = await sql<{ n: number }>`
        select count(*)::int as n from interviews i join candidates c on c.id = i.candidate_id
        where i.id::text in (
          select jsonb_array_elements_text(${JSON.stringify(created.map((c) => c.id))}::text::jsonb)
        )
          and (c.erased_at is not null or c.email is null)
      `.execute(h.db)
      expect(lost[0]!.n).toBe(0)
    }

    // the outbox then reaches every new interview's candidate, and nobody erased
    await runCron(h, new Date())
    const { rows: mail } = await sql<{ erased: number; captured: number }>`
      select count(*) filter (where c.erased_at is not null)::int as erased,
             count(*) filter (where c.erased_at is null)::int as captured
      from emails e join interviews i on i.id = e.interview_id join candidates c on c.id = i.candidate_id
      where e.agency_id = ${agency.id} and e.kind = 'coaching' and e.state in ('sent', 'captured')
    `.execute(h.db)
    expect(mail[0]).toEqual({ erased: 0, captured: rounds * people })
  }, 300_000)
})
