import { afterEach, describe, expect, it } from 'vitest'
import {
  bookInterview,
  callbackOf,
  connectedBullhornAgency,
  connectLinkOf,
  createBullhornAgency,
  interviewRow,
  type Booked,
  signInAtBullhorn,
} from '../support/bullhorn'
import { coachingLinkOf, runCron } from '../support/factories'
import { startFakeBullhorn } from '../support/fake-bullhorn'
import { resendBindings } from '../support/fake-resend'
import { recordedEventCount } from '../support/integrations'
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

/** Puts an event of the appointment on Bullhorn's queue. */
function appointmentEvent(id: number, type: 'INSERTED' | 'UPDATED' | 'DELETED') {
  bullhorn.pushEvent({ entityName: 'Appointment', entityId: id, entityEventType: type })
}

async function pollState(integrationId: string) {
  const row = await h.db
    .selectFrom('integrations')
    .select(['poll_state', 'last_error'])
    .where('id', '=', integrationId)
    .executeTakeFirstOrThrow()
  return row
}

describe('Bullhorn events', () => {
  it('a reschedule moves the interview; a cancel, a deletion or a removal cancels it', async () => {
    const world = await connectedBullhornAgency(h, bullhorn)
    const [moved, canceled, deleted, removed] = [1, 2, 3, 4].map(() => bookInterview(bullhorn))
    for (const booked of [moved!, canceled!, deleted!, removed!]) {
      appointmentEvent(booked.appointment.id, 'INSERTED')
    }
    await runCron(h, new Date())
    const later = Number(moved!.appointment.dateBegin) + 3 * 3_600_000
    bullhorn.updateEntity('Appointment', moved!.appointment.id, {
      dateBegin: later,
      dateEnd: later + 30 * minute,
      communicationMethod: 'Video call',
    })
    appointmentEvent(moved!.appointment.id, 'UPDATED')
    bullhorn.updateEntity('Appointment', canceled!.appointment.id, { isDeleted: true })
    appointmentEvent(canceled!.appointment.id, 'UPDATED')
    bullhorn.updateEntity('Appointment', deleted!.appointment.id, { isDeleted: true })
    appointmentEvent(deleted!.appointment.id, 'DELETED')
    bullhorn.removeEntity('Appointment', removed!.appointment.id)
    appointmentEvent(removed!.appointment.id, 'DELETED')
    await runCron(h, new Date())

    const row = await interviewRow(h, world.agency.id, moved!.externalId)
    expect(row).toMatchObject({ starts_at: new Date(later), format: 'video', canceled_at: null })
    expect(row!.ends_at).toEqual(new Date(later + 30 * minute))
    for (const booked of [canceled!, deleted!, removed!]) {
      const gone = await interviewRow(h, world.agency.id, booked.externalId)
      expect(gone!.canceled_at, booked.externalId).not.toBeNull()
    }
    await runCron(h, new Date(later + 31 * minute))
    await expect.poll(() => coachingEmailsTo(moved!.email).length).toBe(1)
    for (const booked of [canceled!, deleted!, removed!]) {
      expect(coachingEmailsTo(booked.email)).toHaveLength(0)
    }
  })

  it('duplicate and out-of-order events make one interview; other appointments none', async () => {
    const world = await connectedBullhornAgency(h, bullhorn)
    const booked = bookInterview(bullhorn)
    const call = bookInterview(bullhorn, { type: 'Call' })
    appointmentEvent(booked.appointment.id, 'UPDATED')
    appointmentEvent(booked.appointment.id, 'INSERTED')
    appointmentEvent(booked.appointment.id, 'INSERTED')
    appointmentEvent(call.appointment.id, 'INSERTED')
    await runCron(h, new Date())
    await runCron(h, new Date())
    const rows = await h.db
      .selectFrom('interviews')
      .select('external_id')
      .where('agency_id', '=', world.agency.id)
      .execute()
    expect(rows.map((r) => r.external_id)).toEqual([booked.externalId])
    await runCron(h, new Date(Number(booked.appointment.dateEnd) + minute))
    await expect.poll(() => coachingEmailsTo(booked.email).length).toBe(1)
  })

  it('a placement records the hire on the interviews of its candidate and job', async () => {
    const world = await connectedBullhornAgency(h, bullhorn)
    const booked = bookInterview(bullhorn)
    appointmentEvent(booked.appointment.id, 'INSERTED')
    await runCron(h, new Date())
    const placement = bullhorn.addPlacement({
      candidateId: booked.candidate.id,
      jobOrderId: booked.job.id,
    })
    bullhorn.pushEvent({
      entityName: 'Placement',
      entityId: placement.id,
      entityEventType: 'INSERTED',
    })
    await runCron(h, new Date())
    const row = await interviewRow(h, world.agency.id, booked.externalId)
    expect(row!.outcome).toBe('hired')
  })

  it('Bullhorn down or 429 mid-batch: the same batch is read again, nothing lost or doubled', async () => {
    const world = await connectedBullhornAgency(h, bullhorn)
    const booked = [1, 2, 3, 4, 5].map(() => bookInterview(bullhorn))
    for (const b of booked) appointmentEvent(b.appointment.id, 'INSERTED')
    // a failed read is tried once more at once: it fails twice
    for (let i = 0; i < 2; i++) {
      bullhorn.failNext(
        { status: 503 },
        { path: `/rest-services/e999/entity/Appointment/${booked[2]!.appointment.id}` },
      )
    }
    await runCron(h, new Date())
    const stopped = await pollState(world.integrationId)
    expect(stopped.poll_state).toMatchObject({ requestId: 1, applied: false })
    expect(stopped.last_error).toContain('503')
    const count = () =>
      h.db
        .selectFrom('interviews')
        .select('external_id')
        .where('agency_id', '=', world.agency.id)
        .execute()
    expect(await count()).toHaveLength(2)

    bullhorn.failNext({ status: 429 }, { path: '/rest-services/e999/event/subscription/' })
    await runCron(h, new Date())
    expect(await count()).toHaveLength(2)
    expect((await pollState(world.integrationId)).last_error).toContain('429')

    await runCron(h, new Date())
    expect(await count()).toHaveLength(5)
    expect((await pollState(world.integrationId)).poll_state).toMatchObject({
      requestId: 1,
      applied: true,
    })
    const reads = bullhorn.calls.filter((c) => c.path.includes('/event/subscription/'))
    expect(reads.filter((c) => c.query.get('requestId') === '1').length).toBeGreaterThanOrEqual(2)
    // the two applied before were not read from Bullhorn again
    const firstReads = bullhorn.calls.filter((c) =>
      c.path.endsWith(`/entity/Appointment/${booked[0]!.appointment.id}`),
    )
    expect(firstReads).toHaveLength(1)
    expect(await recordedEventCount(h, world.integrationId)).toBe(5)
  })

  it('a half-applied batch Bullhorn no longer gives is passed, shown, and polling goes on', async () => {
    const world = await connectedBullhornAgency(h, bullhorn)
    const [first, second] = [bookInterview(bullhorn), bookInterview(bullhorn)]
    appointmentEvent(first!.appointment.id, 'INSERTED')
    for (let i = 0; i < 2; i++) {
      bullhorn.failNext(
        { status: 500 },
        { path: `/rest-services/e999/entity/Appointment/${first!.appointment.id}` },
      )
    }
    await runCron(h, new Date())
    expect((await pollState(world.integrationId)).poll_state).toMatchObject({ applied: false })
    bullhorn.subscription(`followthrough-${world.integrationId}`)!.batches.clear()
    appointmentEvent(second!.appointment.id, 'INSERTED')
    await runCron(h, new Date())
    expect((await pollState(world.integrationId)).last_error).toContain('no longer had')
    expect(await interviewRow(h, world.agency.id, second!.externalId)).toBeDefined()
    expect((await pollState(world.integrationId)).poll_state).toMatchObject({
      requestId: 2,
      applied: true,
    })
  })

  it('expired sessions renewed by racing polls: one refresh each time, never locked out', async () => {
    const world = await connectedBullhornAgency(h, bullhorn)
    const rounds = 20
    const booked: Booked[] = []
    for (let round = 0; round < rounds; round++) {
      bullhorn.expireSessions()
      const b = bookInterview(bullhorn)
      booked.push(b)
      appointmentEvent(b.appointment.id, 'INSERTED')
      await Promise.all([runCron(h, new Date()), runCron(h, new Date()), runCron(h, new Date())])
    }
    const refreshes = bullhorn.calls.filter(
      (c) => c.path.endsWith('/oauth/token') && c.query.get('grant_type') === 'refresh_token',
    )
    expect(refreshes.map((c) => c.status)).toEqual(Array(rounds).fill(200))
    const used = bullhorn.refreshTokens.filter((t) => t.consumedAt !== null)
    expect(used).toHaveLength(rounds)
    expect(bullhorn.liveRefreshTokens()).toHaveLength(1)
    expect((await pollState(world.integrationId)).last_error).toBeNull()
    for (const b of booked) {
      expect(await interviewRow(h, world.agency.id, b.externalId), b.externalId).toBeDefined()
    }
  })
})

describe('notes sent, back to Bullhorn', () => {
  /** An interview booked in Bullhorn that ended an hour ago, polled in; its candidate's marks. */
  async function endedInterview(settings: Record<string, string> = {}) {
    const world = await connectedBullhornAgency(h, bullhorn, { settings })
    const booked = bookInterview(bullhorn, { begin: Date.now() - 2 * 3_600_000, minutes: 60 })
    appointmentEvent(booked.appointment.id, 'INSERTED')
    await runCron(h, new Date())
    const row = await interviewRow(h, world.agency.id, booked.externalId)
    const link = `/c/${await coachingLinkOf(h, row!.id)}`
    const interview = await h.request('GET', `/v1/interviews/${row!.id}`, {
      token: world.agency.secretKey,
    })
    const mark = async (type: 'sent' | 'unsent', index: number) => {
      const res = await h.request('POST', `${link}/events`, {
        json: { type, interviewerId: interview.body.interviewers[index].id },
      })
      expect(res.status, res.text).toBe(200)
    }
    return { ...world, booked, interviewId: row!.id, mark }
  }
  const later = (minutes: number) => new Date(Date.now() + minutes * minute)

  it('one Note on the candidate and job, by the owner, once; a session renewed on the way', async () => {
    const { booked, interviewId, mark } = await endedInterview({ noteAction: 'Thank You Note' })
    await mark('sent', 0)
    bullhorn.expireSessions()
    await runCron(h, later(6))
    const [note, ...more] = await bullhorn.waitForNotes(1)
    expect(more).toEqual([])
    expect(note).toMatchObject({
      action: 'Thank You Note',
      personReference: { id: booked.candidate.id, _subtype: 'Candidate' },
      jobOrder: { id: booked.job.id },
      commentingPerson: { id: bullhorn.account.apiUserId },
    })
    expect(note!.comments).toContain('1 of 1 marked sent')
    expect(note!.comments).toContain(`Followthrough ref: ${interviewId}`)
    // a later change updates the same note once its debounce is over: never a second note
    await mark('unsent', 0)
    await runCron(h, later(3))
    expect(bullhorn.noteEdits).toEqual([])
    await runCron(h, later(20))
    await runCron(h, later(40))
    expect(bullhorn.notes).toHaveLength(1)
    expect(bullhorn.noteEdits).toMatchObject([{ noteId: note!.id }])
    expect(bullhorn.notes[0]!.comments).toContain('0 of 1 marked sent')
    expect(bullhorn.notes[0]!.comments).toContain('not yet')
    expect(bullhorn.notes[0]!.comments).toContain(`Followthrough ref: ${interviewId}`)
    // marked again: the same note again
    await mark('sent', 0)
    await runCron(h, later(60))
    expect(bullhorn.notes).toHaveLength(1)
    expect(bullhorn.noteEdits).toHaveLength(2)
    expect(bullhorn.notes[0]!.comments).toContain('1 of 1 marked sent')
    const updates = bullhorn.calls.filter(
      (c) => c.method === 'POST' && c.path.endsWith(`/entity/Note/${note!.id}`),
    )
    expect(updates.map((c) => c.body)).toEqual([
      { comments: expect.stringContaining('0 of 1') },
      { comments: expect.stringContaining('1 of 1') },
    ])
  })

  it('an update whose answer was lost is made again, not doubled; a note gone is written anew', async () => {
    const { interviewId, mark } = await endedInterview()
    await mark('sent', 0)
    await runCron(h, later(6))
    const [note] = await bullhorn.waitForNotes(1)
    const first = note!.comments
    await mark('unsent', 0)
    // the update fails twice: once with no answer, once a 503; then it goes through
    bullhorn.failNext({ drop: true }, { method: 'POST', path: /\/entity\/Note\/\d+$/ })
    await runCron(h, later(12))
    bullhorn.failNext({ status: 503 }, { method: 'POST', path: /\/entity\/Note\/\d+$/ })
    await runCron(h, later(14))
    expect(bullhorn.notes[0]!.comments).toBe(first)
    await runCron(h, later(20))
    expect(bullhorn.notes).toHaveLength(1)
    expect(bullhorn.notes[0]!.comments).toContain('0 of 1 marked sent')
    expect(bullhorn.noteEdits).toHaveLength(1)
    const row = () =>
      h.db
        .selectFrom('write_backs')
        .select(['state', 'note_id', 'written_text'])
        .where('interview_id', '=', interviewId)
        .executeTakeFirstOrThrow()
    expect(await row()).toMatchObject({ state: 'written', note_id: String(note!.id) })

    // as if Bullhorn carried out an update whose answer never came: here it is still the old text
    await h.db
      .updateTable('write_backs')
      .set({ state: 'pending', written_text: first, due_at: new Date() })
      .where('interview_id', '=', interviewId)
      .execute()
    await runCron(h, later(21))
    expect(bullhorn.notes).toHaveLength(1)
    expect(bullhorn.noteEdits).toHaveLength(2)
    expect(bullhorn.notes[0]!.comments).toContain('0 of 1 marked sent')
    expect((await row()).written_text).toBe(bullhorn.notes[0]!.comments)

    // deleted in Bullhorn: the next change writes a new note, which later changes update
    bullhorn.removeEntity('Note', note!.id)
    await mark('sent', 0)
    await runCron(h, later(30))
    const [, second] = await bullhorn.waitForNotes(2)
    expect(second!.comments).toContain('1 of 1 marked sent')
    expect(await row()).toMatchObject({ state: 'written', note_id: String(second!.id) })
    await mark('unsent', 0)
    await runCron(h, later(40))
    expect(bullhorn.notes).toHaveLength(2)
    expect(second!.comments).toContain('0 of 1 marked sent')
  })

  it('a write whose answer was lost is found by its marker, not written twice', async () => {
    const { interviewId, mark } = await endedInterview()
    await mark('sent', 0)
    await runCron(h, later(6))
    const [note] = await bullhorn.waitForNotes(1)
    expect(note!.action).toBe('Other')
    // as if the answer to that write never came: nothing recorded of it here
    await h.db
      .updateTable('write_backs')
      .set({ state: 'pending', note_id: null, written_text: null, due_at: new Date() })
      .where('interview_id', '=', interviewId)
      .execute()
    // and the note found says less than the marks do now: it is brought up to date
    const written = note!.comments
    bullhorn.updateEntity('Note', note!.id, { comments: written.replace('1 of 1', '0 of 1') })
    await runCron(h, later(7))
    expect(bullhorn.notes).toHaveLength(1)
    expect(bullhorn.noteEdits).toMatchObject([{ noteId: note!.id, changes: { comments: written } }])
    expect(bullhorn.entity('Note', note!.id)!.comments).toBe(written)
    const row = await h.db
      .selectFrom('write_backs')
      .select(['state', 'note_id'])
      .where('interview_id', '=', interviewId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'written', note_id: String(note!.id) })
  })
})
