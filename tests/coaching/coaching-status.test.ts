import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmailState, EventType } from '../../db/schema'
import { createAgency, type TestAgency } from '../support/factories'
import { startHarness, type Harness } from '../support/harness'

// One interview per combination of what can happen to its coaching email: the first email in
// every state, alone or followed by a re-send in every state, with no provider event, a delivery,
// a bounce or a complaint, and no note, some notes or every note marked sent. The rows are written
// directly, as the outbox, the webhook and the candidate page leave them, because the API cannot
// reach most of these states on demand. Whatever the combination, the status an interview shows
// is the one filter that lists it, and the stats count it as coached exactly when it shows an
// email that reached the candidate. An interview that has not ended yet, or was canceled, is
// also crossed with every first email, provider event and note count: scheduled and canceled
// take their place in the same one definition, and a canceled one counts nowhere in the stats.

const states: EmailState[] = [
  'queued',
  'sending',
  'sent',
  'captured',
  'failed',
  'skipped',
  'canceled',
]
const providerEvents: (EventType | null)[] = [null, 'delivered', 'bounced', 'complained']
const noteCounts = ['none', 'some', 'all'] as const
const timings = ['ended', 'upcoming', 'canceled'] as const
const statuses = [
  'scheduled',
  'awaiting_notes',
  'notes_sent',
  'all_notes_sent',
  'not_emailed',
  'canceled',
] as const

type EmailStatus =
  'queued' | 'sent' | 'captured' | 'delivered' | 'bounced' | 'failed' | 'suppressed'

interface Combination {
  first: EmailState
  resend: EmailState | null
  event: EventType | null
  notes: (typeof noteCounts)[number]
  timing: (typeof timings)[number]
  /** also the interview's client company, so each has its own row in the stats by client */
  label: string
  interviewId: string
}

const combinations: Combination[] = timings.flatMap((timing) =>
  states.flatMap((first) =>
    // re-sends are crossed with the interviews that ended; the others take the first email only
    (timing === 'ended' ? [null, ...states] : [null]).flatMap((resend) =>
      providerEvents.flatMap((event) =>
        noteCounts.map((notes) => ({
          first,
          resend,
          event,
          notes,
          timing,
          label: `${timing}: ${first} then ${resend ?? 'no resend'}, ${event ?? 'no event'}, ${notes} notes`,
          interviewId: randomUUID(),
        })),
      ),
    ),
  ),
)

/**
 * The email as the recruiter should see it: the furthest any of the interview's coaching emails
 * got. A bounce or complaint outweighs everything, then a delivery, then an email that went out
 * (the latest such), then one still on its way; otherwise the latest one failed or was not sent.
 */
function expectedEmail(c: Combination): EmailStatus {
  if (c.event === 'bounced' || c.event === 'complained') return 'bounced'
  if (c.event === 'delivered') return 'delivered'
  const latestFirst = c.resend ? [c.resend, c.first] : [c.first]
  const wentOut = latestFirst.find((s) => s === 'sent' || s === 'captured')
  if (wentOut === 'sent' || wentOut === 'captured') return wentOut
  if (latestFirst.some((s) => s === 'queued' || s === 'sending')) return 'queued'
  return latestFirst[0] === 'failed' ? 'failed' : 'suppressed'
}

function expectedStatus(c: Combination): (typeof statuses)[number] {
  if (c.timing === 'canceled') return 'canceled'
  if (c.notes === 'all') return 'all_notes_sent'
  if (c.notes === 'some') return 'notes_sent'
  if (['failed', 'suppressed', 'bounced'].includes(expectedEmail(c))) return 'not_emailed'
  return c.timing === 'upcoming' ? 'scheduled' : 'awaiting_notes'
}

const hour = 3_600_000
const now = Date.now()
const timesOf = (c: Combination) => {
  const startsAt = new Date(now + (c.timing === 'upcoming' ? 2 * hour : -3 * hour))
  return { startsAt, endsAt: new Date(startsAt.getTime() + hour) }
}
const dateOf = (at: number) => new Date(at).toISOString().slice(0, 10)

let h: Harness
let agency: TestAgency

async function arrange(c: Combination) {
  const { startsAt, endsAt } = timesOf(c)
  const candidateId = randomUUID()
  await h.db
    .insertInto('candidates')
    .values({ id: candidateId, agency_id: agency.id, email: `${c.interviewId}@example.com` })
    .execute()
  await h.db
    .insertInto('interviews')
    .values({
      id: c.interviewId,
      agency_id: agency.id,
      candidate_id: candidateId,
      candidate_name: 'Ana Lima',
      role_title: 'Data Analyst',
      client_company: c.label,
      starts_at: startsAt,
      ends_at: endsAt,
      duration_minutes: 60,
      format: 'video',
      canceled_at: c.timing === 'canceled' ? new Date(now - hour) : null,
    })
    .execute()
  const noteAt = new Date(endsAt.getTime() + hour)
  await h.db
    .insertInto('interviewers')
    .values(
      [0, 1].map((position) => ({
        interview_id: c.interviewId,
        position,
        name: `Person ${position}`,
        note_sent_at: c.notes === 'all' || (c.notes === 'some' && position === 0) ? noteAt : null,
      })),
    )
    .execute()
  const emails = [
    { kind: 'coaching' as const, state: c.first, createdAt: new Date(now - 100 * 60_000) },
    ...(c.resend
      ? [{ kind: 'resend' as const, state: c.resend, createdAt: new Date(now - 50 * 60_000) }]
      : []),
  ].map((e) => ({
    id: randomUUID(),
    agency_id: agency.id,
    interview_id: c.interviewId,
    kind: e.kind,
    state: e.state,
    attempts: e.state === 'queued' || e.state === 'skipped' || e.state === 'canceled' ? 0 : 1,
    // a claimed email holds the key of its attempt until the outcome is recorded
    send_key: e.state === 'sending' ? `email/${randomUUID()}` : null,
    next_attempt_at: new Date(now + (e.state === 'sending' ? 2 * 60_000 : 0)),
    provider_id: e.state === 'sent' ? `re_${randomUUID()}` : null,
    sent_at: e.state === 'sent' || e.state === 'captured' ? e.createdAt : null,
    last_error: e.state === 'failed' ? '500 application_error: down' : null,
    created_at: e.createdAt,
  }))
  await h.db.insertInto('emails').values(emails).execute()
  if (c.event) {
    await h.db
      .insertInto('events')
      .values({
        agency_id: agency.id,
        interview_id: c.interviewId,
        email_id: emails.at(-1)!.id,
        type: c.event,
        occurred_at: new Date(endsAt.getTime() + 10 * 60_000),
      })
      .execute()
  }
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>) {
  const results: R[] = []
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))))
  }
  return results
}

beforeAll(async () => {
  h = await startHarness()
  agency = await createAgency(h, { timeZone: 'UTC' })
  await inBatches(combinations, 8, arrange)
}, 180_000)
afterAll(() => h?.close())

describe('coaching status: one definition for what an interview shows, lists under and counts as', () => {
  it(`${combinations.length} combinations of timing, email states, re-sends, provider events and notes`, async () => {
    const shown = await inBatches(combinations, 8, async (c) => {
      const res = await h.request('GET', `/v1/interviews/${c.interviewId}`, {
        token: agency.secretKey,
      })
      expect(res.status, res.text).toBe(200)
      return res.body.coaching as { status: string; email: string }
    })

    const listedUnder = new Map<string, string[]>()
    for (const status of statuses) {
      let cursor: string | null = null
      do {
        const query: string = `status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`
        const res = await h.request('GET', `/v1/interviews?${query}`, { token: agency.secretKey })
        expect(res.status, res.text).toBe(200)
        for (const item of res.body.data as { id: string }[]) {
          listedUnder.set(item.id, [...(listedUnder.get(item.id) ?? []), status])
        }
        cursor = res.body.nextCursor
      } while (cursor)
    }

    const stats = await h.request(
      'GET',
      `/v1/stats?from=${dateOf(now - 2 * 24 * hour)}&to=${dateOf(now + 2 * 24 * hour)}&groupBy=client`,
      { token: agency.secretKey },
    )
    expect(stats.status, stats.text).toBe(200)
    const figuresOf = new Map(
      (stats.body.groups as { key: string; coached: number; funnel: Record<string, number> }[]).map(
        (g) => [g.key, g],
      ),
    )

    const wrong: string[] = []
    combinations.forEach((c, i) => {
      const { status, email } = shown[i]!
      const problems: string[] = []
      if (email !== expectedEmail(c)) problems.push(`shows email ${email}, not ${expectedEmail(c)}`)
      if (status !== expectedStatus(c)) problems.push(`shows ${status}, not ${expectedStatus(c)}`)
      const lists = listedUnder.get(c.interviewId) ?? []
      if (lists.length !== 1 || lists[0] !== status)
        problems.push(`shows ${status} but is listed under [${lists.join(', ')}]`)
      const figures = figuresOf.get(c.label)
      const coached = ['sent', 'captured', 'delivered'].includes(email) ? 1 : 0
      const notes = c.notes === 'none' ? 0 : coached
      if (c.timing === 'canceled') {
        if (figures) problems.push('is canceled but counted in the stats')
      } else if (!figures) {
        problems.push('is missing from the stats')
      } else {
        if (figures.coached !== coached)
          problems.push(
            `shows email ${email} (${status}) but stats count coached ${figures.coached}`,
          )
        if (figures.funnel.delivered !== (email === 'delivered' ? 1 : 0))
          problems.push(
            `shows email ${email} but stats count delivered ${figures.funnel.delivered}`,
          )
        if (figures.funnel.sent !== notes)
          problems.push(`stats count ${figures.funnel.sent} with a note sent, not ${notes}`)
      }
      if (problems.length > 0) wrong.push(`${c.label}: ${problems.join('; ')}`)
    })
    expect(wrong, `${wrong.length} of ${combinations.length} combinations disagree`).toEqual([])
  }, 240_000)
})
