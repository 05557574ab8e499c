import { describe, expect, it } from 'vitest'
import { logInterview, runCron } from '../support/factories'
import { linkTokenSlot } from '../../worker/services/coaching-links'
import { phoneNumber, textingAgency, useTexting } from '../texts/support'

const count = Number(process.env.TEXTS_OUTAGE_COUNT ?? 500)
const [twilio, h] = useTexting({ TWILIO_TIMEOUT_MS: '120', TWILIO_MAX_RPS: '1000' })

async function pending(): Promise<number> {
  const rows = await h.db
    .selectFrom('texts')
    .select('id')
    .where('state', 'in', ['queued', 'sending'])
    .execute()
  return rows.length
}

describe(`Twilio failing 30% of calls while ${count} texts go out`, () => {
  it('delivers each text exactly once', async () => {
    const agency = await textingAgency(h)
    // A few real interviews and candidates who agreed to texts; the texts themselves are written
    // straight into the outbox (logging hundreds of interviews would take most of the time), each
    // to its own number, as the outbox holds them once queued.
    const interviews: { id: string }[] = []
    for (let i = 0; i < 5; i++) interviews.push(await logInterview(h, agency.secretKey))
    await h.db.updateTable('candidates').set({ sms_consent: true }).execute()
    const phones = Array.from({ length: count }, () => phoneNumber())
    const now = new Date()
    await h.db
      .insertInto('texts')
      .values(
        phones.map((phone, i) => ({
          agency_id: agency.id,
          interview_id: interviews[i % interviews.length]!.id,
          kind: 'coaching' as const,
          state: 'queued' as const,
          next_attempt_at: now,
          to_phone: phone,
          body: `Agency: text ${i} http://followthrough.test/c/${linkTokenSlot} Reply STOP to opt out`,
          segments: 1,
        })),
      )
      .execute()

    // every way a call can fail: refused for now, throttled, cut off before Twilio took the text,
    // or taken by Twilio with the answer lost (late, or a proxy's 502)
    twilio.failRate(0.3, {
      seed: 7,
      failure: [
        { status: 500 },
        { status: 503 },
        { status: 429, retryAfter: 1 },
        { drop: true },
        { delayMs: 250 },
        { status: 502, carriedOut: true },
      ],
    })
    let at = now.getTime()
    for (let run = 0; run < 300 && (await pending()) > 0; run++) {
      at += 10 * 60_000
      await runCron(h, new Date(at))
    }
    twilio.failRate(0)
    expect(await pending()).toBe(0)

    const byNumber = new Map<string, string[]>()
    for (const message of twilio.messages) {
      byNumber.set(message.to, [...(byNumber.get(message.to) ?? []), message.sid])
    }
    const missing = phones.filter((phone) => !byNumber.has(phone))
    const doubled = [...byNumber].filter(([, sids]) => sids.length > 1)
    expect({ missing: missing.length, doubled: doubled.length }).toEqual({ missing: 0, doubled: 0 })

    const rows = await h.db
      .selectFrom('texts')
      .select(['to_phone', 'state', 'provider_sid'])
      .execute()
    for (const row of rows) {
      expect(row.state).toBe('sent')
      expect(row.provider_sid).toBe(byNumber.get(row.to_phone!)![0])
    }
    // the failures did happen, and some answers were lost and looked up
    expect(twilio.calls.filter((c) => c.failure !== null).length).toBeGreaterThan(count / 5)
    expect(twilio.calls.some((c) => c.method === 'GET')).toBe(true)
  }, 60_000)
})
