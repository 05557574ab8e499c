import { describe, expect, it } from 'vitest'
import { coachingLinkOf, createSession, logInterview } from '../support/factories'
import { useAgency, useHarness } from '../support/lifecycle'

const h = useHarness()
const agency = useAgency(h)

describe("a recruiter can rename another recruiter's candidate", () => {
  it("logging an interview with a known address leaves others' interviews as they were", async () => {
    const first = await createSession(h, agency)
    const second = await createSession(h, agency)
    const email = 'sam.rivera@example.org'
    const mine = await logInterview(h, first.token, { candidate: { name: 'Sam Rivera', email } })
    const theirs = await logInterview(h, second.token, {
      candidate: { name: 'Verify Your Account Now', email },
    })
    // one person (one unsubscribe, one erasure), but each interview keeps the name it was given
    const [a, b] = await Promise.all(
      [mine, theirs].map((i) =>
        h.db
          .selectFrom('interviews')
          .select('candidate_id')
          .where('id', '=', i.id)
          .executeTakeFirstOrThrow(),
      ),
    )
    expect(a!.candidate_id).toBe(b!.candidate_id)

    const read = await h.request('GET', `/v1/interviews/${mine.id}`, { token: first.token })
    expect(read.body.candidate).toMatchObject({ name: 'Sam Rivera', email })
    const listed = await h.request('GET', '/v1/interviews', { token: first.token })
    expect(listed.body.data.map((i: { candidate: { name: string } }) => i.candidate.name)).toEqual([
      'Sam Rivera',
    ])
    const page = await h.request('GET', `/c/${await coachingLinkOf(h, mine.id)}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Sam')
    expect(page.text).not.toContain('Verify Your Account')

    // the other interview shows what its own recruiter typed, and so does the agency's view
    const other = await h.request('GET', `/v1/interviews/${theirs.id}`, {
      token: agency.secretKey,
    })
    expect(other.body.candidate.name).toBe('Verify Your Account Now')
  })
})
