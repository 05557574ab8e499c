import { describe, expect, it } from 'vitest'
import { createAgency, interviewBody, runCron } from '../support/factories'
import { resendBindings, type FakeEmail } from '../support/fake-resend'
import { useFakeResend, useHarness } from '../support/lifecycle'

const interviews = Number(process.env.OUTAGE_INTERVIEWS ?? 1000)
const fake = useFakeResend()
const h = useHarness(() =>
  resendBindings(fake, { RESEND_MAX_RPS: '1000', RESEND_TIMEOUT_MS: '400' }),
)

const isCoaching = (e: FakeEmail) => e.tags.some((t) => t.name === 'kind' && t.value === 'coaching')

async function pending(): Promise<number> {
  const rows = await h.db
    .selectFrom('emails')
    .select('id')
    .where('kind', '=', 'coaching')
    .where('state', 'in', ['queued', 'sending'])
    .execute()
  return rows.length
}

describe(`Resend failing in every way while ${interviews} interviews are logged`, () => {
  it('ends with exactly one coaching email per candidate, none lost', async () => {
    // more interviews than a day's default send quota
    const agency = await createAgency(h, { sendQuotas: { agencyPerDay: 20_000 } })
    // a quarter each: 500s, 429s, answers that come after we gave up (Resend did send those),
    // and calls that hang and are dropped without sending
    const modes = [
      { status: 500 },
      { status: 429, retryAfter: 1 },
      { delayMs: 900 },
      { hang: true as const, ms: 900 },
    ]
    const addresses: string[] = []
    for (let i = 0; i < interviews; i++) {
      fake.down(modes[Math.floor((i * modes.length) / interviews)])
      const body = interviewBody({
        candidate: { name: `Outage ${i}`, email: `outage${i}@example.com` },
      })
      addresses.push(body.candidate.email)
      const res = await h.request('POST', '/v1/interviews', { token: agency.secretKey, json: body })
      expect(res.status).toBe(201)
    }
    fake.up()
    // let the last immediate attempts time out, then run the cron as the hours go by
    await new Promise((r) => setTimeout(r, 1500))
    let at = Date.now()
    for (let run = 0; run < 60 && (await pending()) > 0; run++) {
      at += 3_600_000 / 4
      await runCron(h, new Date(at))
    }
    expect(await pending()).toBe(0)

    const byAddress = new Map<string, number>()
    for (const email of fake.sent.filter(isCoaching)) {
      byAddress.set(email.to[0]!, (byAddress.get(email.to[0]!) ?? 0) + 1)
    }
    const missing = addresses.filter((a) => !byAddress.has(a))
    const duplicated = [...byAddress].filter(([, n]) => n > 1)
    expect({ missing: missing.length, duplicated: duplicated.length }).toEqual({
      missing: 0,
      duplicated: 0,
    })
    expect(byAddress.size).toBe(interviews)
    for (const call of fake.calls) expect(call.batchSize ?? 1).toBeLessThanOrEqual(100)
  }, 300_000)
})
