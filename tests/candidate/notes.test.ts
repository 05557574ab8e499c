// What the candidate does on their page: events, drafts and the forms that work without JavaScript.
import { describe, expect, it } from 'vitest'
import { createAgency } from '../support/factories'
import { coachedInterview, postForm, tableCounts, useCandidateWorld } from './helpers'

const { fake, h, agency, getPage, interviewerIds } = useCandidateWorld()

describe('POST /c/:token/events', () => {
  it('counts notes marked sent in the interview and the stats, and undoes them', async () => {
    const own = await createAgency(h)
    const { interview, path } = await coachedInterview(h, fake, own)
    const [a, b, c] = interviewerIds(interview)
    for (const id of [a, b]) {
      const res = await h.request('POST', `${path}/events`, {
        json: { type: 'sent', interviewerId: id },
      })
      expect(res.status, res.text).toBe(200)
    }
    const read = async () =>
      (await h.request('GET', `/v1/interviews/${interview.id}`, { token: own.secretKey })).body
    expect((await read()).coaching).toMatchObject({
      notesSent: 2,
      notesTotal: 3,
      status: 'notes_sent',
    })
    // in the stats: the interview was thanked, but not every interviewer yet
    const stats = await h.request('GET', '/v1/stats', { token: own.secretKey })
    expect(stats.body.totals).toMatchObject({
      coached: 1,
      funnel: { sent: 1 },
      fullCoverage: 0,
      sendRate: 1,
      fullCoverageRate: 0,
    })
    const undo = await h.request('POST', `${path}/events`, {
      json: { type: 'unsent', interviewerId: b },
    })
    expect(undo.body).toMatchObject({ notesSent: 1, notesTotal: 3 })
    const page = await getPage(path)
    expect(page.text).toContain('1 of 3 notes marked sent')
    expect(page.text).toContain(`value="sent" data-toggle`)
    expect(page.text).toContain('Undo: not sent yet')
    const types = await h.db
      .selectFrom('events')
      .select(['type', 'interviewer_id'])
      .where('interview_id', '=', interview.id)
      .where('type', 'in', ['sent', 'unsent'])
      .orderBy('id')
      .execute()
    expect(types).toEqual([
      { type: 'sent', interviewer_id: a },
      { type: 'sent', interviewer_id: b },
      { type: 'unsent', interviewer_id: b },
    ])
    expect(c).toBeDefined()
  })

  it('ignores replays and refuses malformed posts and foreign interviewers, changing nothing', async () => {
    const mine = await coachedInterview(h, fake, agency)
    const other = await coachedInterview(h, fake, agency)
    const [first] = interviewerIds(mine.interview)
    const sent = { type: 'sent', interviewerId: first }
    expect((await h.request('POST', `${mine.path}/events`, { json: sent })).status).toBe(200)
    const before = await tableCounts(h)

    const replay = await h.request('POST', `${mine.path}/events`, { json: sent })
    expect(replay.status).toBe(200)
    expect(replay.body.notesSent).toBe(1)
    const rejected: [unknown, number][] = [
      [{ type: 'hired' }, 400],
      [{ type: 'sent' }, 400],
      [{ type: 'sent', interviewerId: 'not-a-uuid' }, 400],
      [{ ...sent, extra: true }, 400],
      [{ type: 'sent', interviewerId: other.interview.interviewers[0].id }, 404],
      [{ type: 'copied', interviewerId: other.interview.interviewers[1].id }, 404],
    ]
    for (const [json, status] of rejected) {
      const res = await h.request('POST', `${mine.path}/events`, { json })
      expect(res.status, JSON.stringify(json)).toBe(status)
    }
    for (const rawBody of ['{"type":', 'type=sent']) {
      const res = await h.request('POST', `${mine.path}/events`, {
        rawBody,
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status, rawBody).toBe(400)
    }
    const formEvent = await postForm(
      h,
      `${mine.path}/notes/${other.interview.interviewers[2].id}`,
      {
        action: 'sent',
      },
    )
    expect(formEvent.status).toBe(404)
    expect(await tableCounts(h)).toEqual(before)
  })
})

describe('drafts', () => {
  it('saves a draft and shows it again on the next visit', async () => {
    const { interview, path } = await coachedInterview(h, fake, agency)
    const [first, second] = interviewerIds(interview)
    const body = 'Dear Priya,\r\n\r\nThanks for the dbt <deep dive> & the tour.\r\n\r\nBest,\r\nAna'
    const res = await h.request('PUT', `${path}/drafts/${first}`, { json: { body } })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ interviewerId: first, updatedAt: expect.any(String) })
    const row = await h.db
      .selectFrom('drafts')
      .selectAll()
      .where('interviewer_id', '=', first!)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ interview_id: interview.id, body: body.replaceAll('\r\n', '\n') })
    await h.request('PUT', `${path}/drafts/${first}`, { json: { body: 'Second version' } })

    const page = await getPage(path)
    expect(page.text).toContain('>Second version</textarea>')
    expect(page.text).toContain('Your saved draft.')
    // the others still start from the generated draft
    expect(page.text).toContain('Dear Tom,')
    expect(second).toBeDefined()

    const before = await tableCounts(h)
    const other = await coachedInterview(h, fake, agency)
    const afterOther = await tableCounts(h)
    const refusals: [string, unknown, number][] = [
      [first!, { body: 'x'.repeat(5001) }, 400],
      [first!, { body: 'bad\u0000byte' }, 400],
      [first!, { text: 'x' }, 400],
      ['not-a-uuid', { body: 'x' }, 404],
      [other.interview.interviewers[0].id, { body: 'x' }, 404],
    ]
    for (const [id, json, status] of refusals) {
      const put = await h.request('PUT', `${path}/drafts/${id}`, { json })
      expect(put.status, JSON.stringify(json)).toBe(status)
    }
    expect(afterOther.drafts).toBe(before.drafts)
    expect(await tableCounts(h)).toEqual(afterOther)
  })

  it('erasing the candidate deletes their drafts', async () => {
    const { interview, path } = await coachedInterview(h, fake, agency, {
      candidate: { name: 'Gone Soon', email: 'gone@example.com' },
    })
    const [first] = interviewerIds(interview)
    await h.request('PUT', `${path}/drafts/${first}`, { json: { body: 'Private words' } })
    await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: 'gone@example.com' },
    })
    const left = await h.db
      .selectFrom('drafts')
      .select('body')
      .where('interview_id', '=', interview.id)
      .execute()
    expect(left).toEqual([])
  })
})

describe('the page without JavaScript', () => {
  it('saves, marks sent and undoes through form posts that come back to the note', async () => {
    const { interview, path } = await coachedInterview(h, fake, agency)
    const [first, second] = interviewerIds(interview)
    const save = await postForm(h, `${path}/notes/${first}`, {
      action: 'save',
      body: 'Dear Priya,\r\nThank you!',
    })
    expect(save.status).toBe(303)
    expect(save.headers.get('location')).toBe(`${path}#note-${first}`)
    expect(save.headers.get('cache-control')).toBe('no-store')
    let page = await getPage(path)
    expect(page.text).toContain('>Dear Priya,\nThank you!</textarea>')
    expect(page.text).toContain('0 of 3 notes marked sent')

    const sent = await postForm(h, `${path}/notes/${second}`, { action: 'sent', body: 'Dear Tom' })
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe(`${path}#note-${second}`)
    page = await getPage(path)
    expect(page.text).toContain('1 of 3 notes marked sent')
    expect(page.text).toContain('>Dear Tom</textarea>')
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching).toMatchObject({ notesSent: 1, notesTotal: 3 })

    expect((await postForm(h, `${path}/notes/${second}`, { action: 'unsent' })).status).toBe(303)
    page = await getPage(path)
    expect(page.text).toContain('0 of 3 notes marked sent')

    const before = await tableCounts(h)
    const invalid: Record<string, string>[] = [
      { action: 'send-it' },
      { body: 'no action' },
      { action: 'save', x: '1' },
      { action: 'save', body: 'x'.repeat(5001) },
    ]
    for (const fields of invalid) {
      const res = await postForm(h, `${path}/notes/${first}`, fields)
      expect(res.status, JSON.stringify(fields)).toBe(400)
    }
    expect(await tableCounts(h)).toEqual(before)
  })
})
