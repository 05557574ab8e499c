import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { sizeBudgets } from '../support/budgets'
import { createAgency, pageViewsOf } from '../support/factories'
import { coachedInterview, postForm, tableCounts, useCandidateWorld } from './helpers'

const { fake, h, agency, getPage, interviewerIds } = useCandidateWorld()

describe('GET /c/:token', () => {
  it('shows the interview, a draft per interviewer and the deadline, in the agency branding', async () => {
    const { interview, path } = await coachedInterview(h, fake, agency, {
      candidate: { name: 'Ana Lima', email: 'ana.lima@example.com' },
    })
    const res = await getPage(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    for (const text of [
      'Your thank-you notes, Ana',
      'Senior Data Analyst',
      'Globex',
      'Brightpath Careers',
      'Priya Natarajan',
      'Tom Becker',
      'Dr. Ines Ruiz',
      'Dear Priya,',
      'Dear Dr. Ruiz,',
      '[something you and Priya discussed, e.g. migrating the reporting stack to dbt]',
      'Best regards,\nAna Lima',
      '(London time)',
      '0 of 3 notes marked sent',
      'Email each note straight to the person it is for.',
      '80% of hiring managers said thank-you notes count when they decide',
    ]) {
      expect(res.text, text).toContain(text)
    }
    expect(res.text).toMatch(/data-deadline="[^"]+">\d+ h \d+ min left</)
    expect(res.text).toContain('background:#6b1f5c')
    expect(res.text).toContain(
      '<img src="https://brightpath.example/logo.png" alt="Brightpath Careers"',
    )
    // each note opens the mail app addressed to its interviewer, when the address is known
    expect(res.text).toContain('href="mailto:priya@globex.example?subject=Thank%20you%3A%20Senior')
    expect(res.text).toContain('href="mailto:?subject=')
    const forms = res.text.match(/<form method="post" action="[^"]+"/g) ?? []
    expect(forms).toEqual(
      interviewerIds(interview).map((id) => `<form method="post" action="${path}/notes/${id}"`),
    )

    // the page's first open is recorded once, however often it is loaded
    await getPage(path)
    const opened = await pageViewsOf(h, interview.id)
    expect(opened).toHaveLength(1)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching.pageOpenedAt).toBe(opened[0]!.occurred_at.toISOString())
  })

  it('records the first view once when many loads of a fresh page race', async () => {
    // a mail scanner and the candidate (and a double click) open the link at the same moment
    for (let round = 0; round < 5; round++) {
      const { interview, path } = await coachedInterview(h, fake, agency)
      const loads = await Promise.all(Array.from({ length: 12 }, () => getPage(path)))
      expect(loads.map((res) => res.status)).toEqual(loads.map(() => 200))
      const opened = await pageViewsOf(h, interview.id)
      expect(opened, `round ${round}`).toHaveLength(1)
    }
  })

  it('says a note still helps, with no deadline in the past, for an interview logged late', async () => {
    const { path, email } = await coachedInterview(h, fake, agency, {
      startsAt: new Date(Date.now() - 3 * 24 * 60 * 60_000).toISOString(),
    })
    const res = await getPage(path)
    expect(res.text).toContain('The 24 hours have passed, but a note sent today still helps.')
    expect(res.text).not.toContain('Send them by')
    expect(res.text).not.toContain('data-deadline')
    expect(email.text).toContain('a note sent today still helps')
    expect(email.text).not.toContain('Send them by')
  })

  it('sends the headers that keep the page private, and runs no inline script', async () => {
    const { path } = await coachedInterview(h, fake, agency)
    const res = await getPage(path)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|nonce-|sha256-)/)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-robots-tag')).toBe('noindex')
    const scripts = res.text.match(/<script\b[^>]*>/g) ?? []
    expect(scripts).toEqual(['<script src="/assets/candidate.js" defer>'])
    expect(res.text).not.toMatch(/\son[a-z]+=/i)

    const script = await fetch(`${h.baseUrl}/assets/candidate.js`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toContain('javascript')
  })

  it('sends notes through the named recruiter in via_recruiter mode', async () => {
    const own = await createAgency(h, { routingMode: 'via_recruiter' })
    const session = await h.request('POST', '/v1/sessions', {
      token: own.secretKey,
      json: { recruiter: { externalId: 'rosa', name: 'Rosa Diaz', email: 'rosa@agency.example' } },
    })
    expect(session.status, session.text).toBe(201)
    const { path } = await coachedInterview(h, fake, session.body.token)
    const res = await getPage(path)
    expect(res.text).toContain(
      'Send all your notes to <strong>Rosa Diaz</strong> (rosa@agency.example)',
    )
    expect(res.text).not.toContain('Email each note straight to')
    // every mail-app link goes to the recruiter, asking them to pass the note on
    const mailtos = res.text.match(/href="mailto:[^"]*"/g) ?? []
    expect(mailtos).toHaveLength(3)
    for (const href of mailtos) expect(href).toMatch(/^href="mailto:rosa@agency\.example\?/)
    expect(decodeURIComponent(mailtos[1]!)).toContain(
      'Could you please pass this thank-you note on to Tom Becker?',
    )
    expect(decodeURIComponent(mailtos[1]!)).toContain(
      'subject=Thank-you note for Tom Becker (Globex)',
    )
  })

  it("gives an address to write to: the recruiter's, else the agency's reply-to", async () => {
    // via_recruiter, a recruiter without an address: the mail app opens to the agency's reply-to
    const routed = await createAgency(h, {
      routingMode: 'via_recruiter',
      branding: { replyTo: 'team@routed.example' },
    })
    const session = await h.request('POST', '/v1/sessions', {
      token: routed.secretKey,
      json: { recruiter: { externalId: 'noel', name: 'Noel Park' } },
    })
    const viaTeam = await getPage((await coachedInterview(h, fake, session.body.token)).path)
    expect(viaTeam.text).toContain(
      'Send all your notes to <strong>Noel Park</strong> (team@routed.example)',
    )
    const mailtos = viaTeam.text.match(/href="mailto:[^"]*"/g) ?? []
    expect(mailtos).toHaveLength(3)
    for (const href of mailtos) expect(href).toMatch(/^href="mailto:team@routed\.example\?/)

    // direct, an interviewer without an address: whom to ask, and how to reach them
    const direct = await createAgency(h)
    const rosa = await h.request('POST', '/v1/sessions', {
      token: direct.secretKey,
      json: { recruiter: { externalId: 'rosa', name: 'Rosa Diaz', email: 'rosa@direct.example' } },
    })
    const page = await getPage((await coachedInterview(h, fake, rosa.body.token)).path)
    expect(page.text).toContain(
      `If you don't have someone's address, ask Rosa Diaz at <a href="mailto:rosa@direct.example">rosa@direct.example</a>.`,
    )
  })

  it('answers unknown, malformed, expired and erased links with the same page that reveals nothing', async () => {
    const expired = await coachedInterview(h, fake, agency, {
      candidate: { name: 'Eve Expired', email: 'eve@example.com' },
      clientCompany: 'Expiredcorp',
    })
    await h.db
      .updateTable('coaching_links')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('interview_id', '=', expired.interview.id)
      .execute()
    const erased = await coachedInterview(h, fake, agency, {
      candidate: { name: 'Ed Erased', email: 'ed@example.com' },
      clientCompany: 'Erasedcorp',
    })
    const erasure = await h.request('POST', '/v1/candidates/erase', {
      token: agency.secretKey,
      json: { email: 'ed@example.com' },
    })
    expect(erasure.body.candidatesErased).toBe(1)

    const before = await tableCounts(h)
    const paths = [
      '/c/' + 'A'.repeat(32),
      '/c/short',
      '/c/' + 'b'.repeat(33),
      '/c/%00%3Cscript%3E',
      expired.path,
      erased.path,
    ]
    const bodies = new Set<string>()
    for (const path of paths) {
      const res = await getPage(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toContain('text/html')
      expect(res.headers.get('cache-control'), path).toBe('no-store')
      expect(res.text, path).toContain("This link doesn't work")
      for (const secret of [
        'Brightpath',
        'Eve',
        'Ed Erased',
        'Expiredcorp',
        'Erasedcorp',
        'Priya',
      ]) {
        expect(res.text, path).not.toContain(secret)
      }
      bodies.add(res.text)
    }
    expect(bodies.size).toBe(1)
    // and nothing can be written through them
    const someId = expired.interview.interviewers[0].id
    for (const path of [expired.path, erased.path, '/c/' + 'A'.repeat(32)]) {
      expect(
        (await postForm(h, `${path}/notes/${someId}`, { action: 'sent', body: 'x' })).status,
      ).toBe(404)
      const put = await h.request('PUT', `${path}/drafts/${someId}`, { json: { body: 'x' } })
      expect(put.status).toBe(404)
      const event = await h.request('POST', `${path}/events`, {
        json: { type: 'sent', interviewerId: someId },
      })
      expect(event.status).toBe(404)
    }
    expect(await tableCounts(h)).toEqual(before)
  })
})

it('keeps the page within 25 KB gzipped: HTML with its CSS, plus the script', async () => {
  const { path } = await coachedInterview(h, fake, agency)
  const html = (await getPage(path)).text
  const script = await (await fetch(`${h.baseUrl}/assets/candidate.js`)).text()
  const gzipped = gzipSync(html).length + gzipSync(script).length
  console.info(
    `candidate page: HTML+CSS ${gzipSync(html).length} B, JS ${gzipSync(script).length} B gzipped`,
  )
  expect(gzipped).toBeLessThanOrEqual(sizeBudgets.candidatePage)
})
