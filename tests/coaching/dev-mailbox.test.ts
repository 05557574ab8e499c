import { describe, expect, it } from 'vitest'
import { createAgency, interviewBody, logInterview } from '../support/factories'
import { productionBindings } from '../support/harness'
import { useHarness } from '../support/lifecycle'

describe('the dev mailbox', () => {
  const h = useHarness({ ENVIRONMENT: 'development' })

  it('starts empty, then shows captured mail with its HTML and text', async () => {
    const empty = await h.request('GET', '/dev/mailbox')
    expect(empty.status).toBe(200)
    expect(empty.text).toContain('No mail yet')

    const agency = await createAgency(h)
    const interview = await logInterview(h, agency.secretKey, {
      candidate: { name: 'Mo Farah', email: 'mo@example.com' },
    })
    let list = await h.request('GET', '/dev/mailbox')
    for (let i = 0; i < 50 && !list.text.includes('mo@example.com'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      list = await h.request('GET', '/dev/mailbox')
    }
    expect(list.text).toContain('mo@example.com')
    const id = list.text.match(/\/dev\/mailbox\/([0-9a-f-]{36})\.html/)![1]
    const html = await h.request('GET', `/dev/mailbox/${id}.html`)
    expect(html.headers.get('content-type')).toMatch(/text\/html/)
    // the links work, though no row holds the token they carry
    const page = html.text.match(/\/c\/([A-Za-z0-9_-]{32})/)![1]!
    expect((await h.request('GET', `/c/${page}`)).status).toBe(200)
    const text = await h.request('GET', `/dev/mailbox/${id}.txt`)
    expect(text.text).toContain('Hi Mo, well done')
    const unsubscribe = text.text.match(/\/u\/([A-Za-z0-9_-]{32})/)![1]!
    expect(unsubscribe).toBe(page)
    expect((await h.request('GET', `/u/${unsubscribe}`)).status).toBe(200)
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching.email).toBe('captured')
    expect((await h.request('GET', '/dev/mailbox/not-an-id.html')).status).toBe(404)
  })

  it('lists captured texts with the number, the text and its segments', async () => {
    const agency = await createAgency(h, {
      name: 'Northwind Careers',
      sms: { enabled: true, quietHours: { start: '00:00', end: '00:00' } },
    })
    const body = interviewBody()
    await logInterview(h, agency.secretKey, {
      candidate: { ...body.candidate, phone: '+447700900123', smsConsent: true },
    })
    await expect
      .poll(async () => (await h.request('GET', '/dev/mailbox')).text)
      .toContain('+447700900123')
    const page = (await h.request('GET', '/dev/mailbox')).text
    const row = page.slice(page.indexOf('+447700900123'))
    expect(row).toMatch(
      /^\+447700900123<\/td><td><span class="kind">coaching<\/span><br\/?>Northwind Careers: a short thank-you to each interviewer helps: http:\/\/[^ ]+\/c\/([A-Za-z0-9_-]{32}) Reply STOP to opt out<\/td><td>1<\/td>/,
    )
    // the link works, as the candidate would have got it
    const token = row.match(/\/c\/([A-Za-z0-9_-]{32})/)![1]
    expect((await h.request('GET', `/c/${token}`)).status).toBe(200)
  })
})

describe('outside local development', () => {
  const h = useHarness(productionBindings)

  it('the mailbox does not exist', async () => {
    const res = await h.request('GET', '/dev/mailbox')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('/ names the product and links the API document and /health, not the local pages', async () => {
    const res = await h.request('GET', '/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.text).toContain('<h1>Followthrough</h1>')
    expect(res.text.match(/href="[^"]+"/g)).toEqual(['href="/openapi.json"', 'href="/health"'])
  })
})
