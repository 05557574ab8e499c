import { afterEach, describe, expect, it } from 'vitest'
import {
  bookInterview,
  callbackOf,
  connectedBullhornAgency,
  connectLinkOf,
  createBullhornAgency,
  interviewRow,
  signInAtBullhorn,
} from '../support/bullhorn'
import { runCron } from '../support/factories'
import { startFakeBullhorn } from '../support/fake-bullhorn'
import { resendBindings } from '../support/fake-resend'
import { forThisFile, useFakeResend, useHarness } from '../support/lifecycle'

// Bullhorn, through the real worker: the agency connects through Bullhorn's OAuth pages, the cron
// reads the event subscription, and each interview booked in Bullhorn becomes one here.

const minute = 60_000
const bullhorn = forThisFile(startFakeBullhorn, (fake) => fake.close())
const resend = useFakeResend()
const h = useHarness(() =>
  resendBindings(resend, { PROVIDER_URLS: JSON.stringify({ bullhorn: bullhorn.url }) }),
)

// each test starts with a Bullhorn of its own: the integrations of earlier tests are gone
afterEach(async () => {
  await h.db.deleteFrom('integrations').where('provider', '=', 'bullhorn').execute()
  bullhorn.reset()
})

const coachingEmailsTo = (address: string) =>
  resend.sent.filter(
    (e) =>
      e.to.includes(address) && e.tags.some((t) => t.name === 'kind' && t.value === 'coaching'),
  )

describe('connecting Bullhorn', () => {
  it('links to Bullhorn sign-in with a signed state, and the callback connects', async () => {
    bullhorn.moveToDataCenter('east')
    const world = await createBullhornAgency(h, bullhorn)
    bullhorn.account.redirectUri = callbackOf(h, world.integrationId)
    const link = await connectLinkOf(h, world.agency, world.integrationId)
    const url = new URL(link.url)
    // discovery followed the 307 to the agency's data center
    expect(url.pathname).toBe('/east/oauth/authorize')
    expect(url.searchParams.get('redirect_uri')).toBe(callbackOf(h, world.integrationId))
    expect(url.searchParams.get('client_id')).toBe(bullhorn.account.clientId)
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(14 * minute)

    const page = await signInAtBullhorn(h, bullhorn, link.url)
    expect(page.status, page.text).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.text).toContain('Bullhorn is connected')
    expect(bullhorn.subscription(`followthrough-${world.integrationId}`)?.names).toEqual([
      'Appointment',
      'Placement',
    ])
    const stored = await h.db
      .selectFrom('integrations')
      .select(['credentials_sealed', 'poll_state'])
      .where('id', '=', world.integrationId)
      .executeTakeFirstOrThrow()
    // the tokens are sealed, never stored as they are
    const [refreshToken] = bullhorn.liveRefreshTokens()
    expect(stored.credentials_sealed).not.toContain(refreshToken!)
    expect(stored.poll_state).toMatchObject({ requestId: null, applied: true })
  })

  it('refuses a forged, expired or another integration state, and a stranger or a recruiter', async () => {
    const first = await createBullhornAgency(h, bullhorn)
    const other = await createBullhornAgency(h, bullhorn)
    const link = new URL((await connectLinkOf(h, first.agency, first.integrationId)).url)
    const state = link.searchParams.get('state')!
    const [expires, signature] = state.split('.')
    const callback = (id: string, s: string) =>
      h.request(
        'GET',
        `/integrations/${id}/oauth/callback?code=22:abc&state=${encodeURIComponent(s)}`,
      )
    for (const [what, id, s] of [
      ['forged', first.integrationId, `${expires}.${'A'.repeat(43)}`],
      ['extended', first.integrationId, `${Number(expires) + 3600}.${signature}`],
      ['expired', first.integrationId, `${Math.floor(Date.now() / 1000) - 1}.${signature}`],
      ['another integration', other.integrationId, state],
      ['garbage', first.integrationId, 'nonsense'],
    ] as const) {
      const res = await callback(id, s)
      expect(res.status, what).toBe(400)
      expect(res.body.error.code, what).toBe('validation_failed')
    }
    expect(bullhorn.calls.filter((c) => c.path.endsWith('/oauth/token'))).toEqual([])
    const stranger = await h.request('GET', `/v1/integrations/${first.integrationId}/connect`, {
      token: other.agency.secretKey,
    })
    expect(stranger.status).toBe(404)
    const unknown = await h.request(
      'GET',
      `/integrations/00000000-0000-4000-8000-000000000000/oauth/callback?code=x&state=${encodeURIComponent(state)}`,
    )
    expect(unknown.status).toBe(400)
  })
})

describe('polling Bullhorn', () => {
  it('an appointment booked becomes an interview, coached at its end', async () => {
    const world = await connectedBullhornAgency(h, bullhorn)
    const booked = bookInterview(bullhorn)
    bullhorn.pushEvent({
      entityName: 'Appointment',
      entityId: booked.appointment.id,
      entityEventType: 'INSERTED',
    })
    await runCron(h, new Date())
    const row = await interviewRow(h, world.agency.id, booked.externalId)
    expect(row).toMatchObject({
      role_title: booked.job.title,
      client_company: 'Acme Logistics',
      format: 'onsite',
      starts_at: new Date(Number(booked.appointment.dateBegin)),
      ends_at: new Date(Number(booked.appointment.dateEnd)),
    })
    expect(row!.recruiter_id).not.toBeNull()
    expect(coachingEmailsTo(booked.email)).toHaveLength(0)
    await runCron(h, new Date(Number(booked.appointment.dateEnd) + minute))
    await expect.poll(() => coachingEmailsTo(booked.email).length).toBe(1)
  })
})
