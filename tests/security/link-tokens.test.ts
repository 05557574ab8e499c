import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { redactLinkTokens } from '../../worker/dev/local-worker'
import { columnsContaining } from '../support/database'
import { coachingEmailSettled, logInterview, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import { useAgency, useFakeResend, useHarness } from '../support/lifecycle'

// A link token opens a candidate's page and unsubscribes them: it must exist only in the mail
// that carried it. The tokens are taken from what Resend received, then every text and JSON
// column of every table is searched for them.

const hour = 3_600_000
const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))
const agency = useAgency(h)

const linkTokens = (text: string) =>
  [...text.matchAll(/\/[cu]\/([A-Za-z0-9_-]{32})/g)].map((match) => match[1]!)

describe('live candidate link tokens are stored in clear', () => {
  it('no table holds a live token after create, send, reminder and resend', async () => {
    const interview = await logInterview(h, agency.secretKey, {
      // logged an hour after it ended, so the reminder falls due 17 hours on
      startsAt: new Date(Date.now() - 2 * hour).toISOString(),
    })
    await fake.waitForEmails(1)
    await coachingEmailSettled(h, interview.id)

    // the reminder, at the agency's reminder hour
    await runCron(h, new Date(new Date(interview.endsAt).getTime() + 18 * hour + 60_000))
    // a re-send, once the last email is more than ten minutes old
    await sql`update emails set created_at = now() - interval '11 minutes'
              where interview_id = ${interview.id}`.execute(h.db)
    const resent = await h.request('POST', `/v1/interviews/${interview.id}/resend`, {
      token: agency.secretKey,
    })
    expect(resent.status, resent.text).toBe(202)
    const emails = await fake.waitForEmails(3)
    // the re-send is the coaching email again, tags and all
    expect(emails.map((e) => e.tags.find((t) => t.name === 'kind')?.value).sort()).toEqual([
      'coaching',
      'coaching',
      'reminder',
    ])

    const tokens = new Set(
      emails.flatMap((e) => [
        ...linkTokens(e.html ?? ''),
        ...linkTokens(e.text ?? ''),
        ...linkTokens(JSON.stringify(e.headers)),
      ]),
    )
    // one link per interview, in the button, the text and the List-Unsubscribe header
    expect(tokens.size).toBe(1)
    const [token] = [...tokens]
    // the token works …
    expect((await h.request('GET', `/c/${token}`)).status).toBe(200)
    // … and no row anywhere holds it
    expect(await columnsContaining(h.db, token!)).toEqual([])
  })

  it('keeps tokens out of the request log', () => {
    const line = '[wrangler:info] GET /c/AbCdEfGhIjKlMnOpQrStUvWxYz012345 200 OK (12ms)'
    expect(redactLinkTokens(line)).toBe('[wrangler:info] GET /c/[token] 200 OK (12ms)')
    expect(redactLinkTokens('POST /u/AbCdEfGhIjKlMnOpQrStUvWxYz012345 200')).toBe(
      'POST /u/[token] 200',
    )
    expect(redactLinkTokens('GET /v1/interviews 200')).toBe('GET /v1/interviews 200')
  })
})
