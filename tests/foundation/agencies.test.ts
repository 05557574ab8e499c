import { describe, expect, it } from 'vitest'
import { createAgency } from '../support/factories'
import { ADMIN_TOKEN } from '../support/harness'
import { useHarness } from '../support/lifecycle'

const h = useHarness()

describe('POST /v1/agencies', () => {
  it('creates an agency with defaults and two keys shown once, stored only as hashes', async () => {
    const res = await h.request('POST', '/v1/agencies', {
      token: ADMIN_TOKEN,
      json: { name: '  Northwind Staffing ', timeZone: 'America/Chicago' },
    })
    expect(res.status).toBe(201)
    expect(res.body.agency).toMatchObject({
      name: 'Northwind Staffing',
      routingMode: 'direct',
      reminderHours: 18,
      timeZone: 'America/Chicago',
      allowedOrigins: [],
      branding: { logoUrl: null, primaryColor: '#1f4f8f', senderName: null },
    })
    expect(res.body.secretKey.key).toMatch(/^ft_sk_[A-Za-z0-9_-]{32}$/)
    expect(res.body.publishableKey.key).toMatch(/^ft_pk_[A-Za-z0-9_-]{32}$/)
    const rows = await h.db
      .selectFrom('api_keys')
      .selectAll()
      .where('agency_id', '=', res.body.agency.id)
      .execute()
    expect(rows).toHaveLength(2)
    const stored = JSON.stringify(rows)
    expect(stored).not.toContain(res.body.secretKey.key)
    expect(stored).not.toContain(res.body.publishableKey.key)
  })

  it('replays the same Idempotency-Key without a second agency, and refuses another body', async () => {
    const headers = { 'idempotency-key': 'create-acme-1' }
    const first = await h.request('POST', '/v1/agencies', {
      token: ADMIN_TOKEN,
      headers,
      json: { name: 'Acme' },
    })
    const again = await h.request('POST', '/v1/agencies', {
      token: ADMIN_TOKEN,
      headers,
      json: { name: 'Acme' },
    })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body.agency.id).toBe(first.body.agency.id)
    expect(again.body.secretKey.id).toBe(first.body.secretKey.id)
    // a secret is shown once: the replay names the key but cannot repeat it
    expect(again.body.secretKey.key).toBeNull()
    const other = await h.request('POST', '/v1/agencies', {
      token: ADMIN_TOKEN,
      headers,
      json: { name: 'Other' },
    })
    expect(other.status).toBe(409)
    expect(other.body.error.code).toBe('conflict')
    const count = await h.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('name', 'in', ['Acme', 'Other'])
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
  })

  it('rejects bad settings with a detail per field and creates nothing', async () => {
    const before = await h.db.selectFrom('agencies').select('id').execute()
    const res = await h.request('POST', '/v1/agencies', {
      token: ADMIN_TOKEN,
      json: {
        name: '',
        timeZone: 'Mars/Olympus',
        routingMode: 'carrier_pigeon',
        reminderHours: 30,
        allowedOrigins: ['https://portal.example.com/path'],
        branding: { primaryColor: 'blue', logoUrl: 'javascript:alert(1)' },
        plan: 'gold',
      },
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort()
    expect(paths).toEqual(
      [
        'allowedOrigins.0',
        'branding.logoUrl',
        'branding.primaryColor',
        'name',
        'plan',
        'reminderHours',
        'routingMode',
        'timeZone',
      ].sort(),
    )
    expect(await h.db.selectFrom('agencies').select('id').execute()).toHaveLength(before.length)
  })
})

describe('GET and PATCH /v1/agency', () => {
  it('changes settings and merges branding into what was there', async () => {
    const agency = await createAgency(h, { branding: { senderName: 'Careers Team' } })
    const res = await h.request('PATCH', '/v1/agency', {
      token: agency.secretKey,
      json: {
        routingMode: 'via_recruiter',
        reminderHours: 12,
        allowedOrigins: ['https://portal.example.com'],
        branding: { primaryColor: '#112233', replyTo: 'Team@Example.com' },
      },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      routingMode: 'via_recruiter',
      reminderHours: 12,
      allowedOrigins: ['https://portal.example.com'],
      branding: {
        senderName: 'Careers Team',
        primaryColor: '#112233',
        replyTo: 'team@example.com',
      },
    })
    const read = await h.request('GET', '/v1/agency', { token: agency.secretKey })
    expect(read.body).toEqual(res.body)
  })

  it('refuses an empty patch and a sender name that could break an email header', async () => {
    const agency = await createAgency(h)
    const empty = await h.request('PATCH', '/v1/agency', { token: agency.secretKey, json: {} })
    expect(empty.status).toBe(400)
    const crlf = await h.request('PATCH', '/v1/agency', {
      token: agency.secretKey,
      json: { branding: { senderName: 'Team\r\nBcc: victim@example.com' } },
    })
    expect(crlf.status).toBe(400)
    expect(crlf.body.error.details[0].path).toBe('branding.senderName')
  })
})
