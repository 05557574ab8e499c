import type { OutgoingMessage } from '../../db/schema'
import { renderPage } from './layout'

const css = `
main{max-width:56rem}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e3e5e8;vertical-align:top}
.kind{font-size:.8rem;text-transform:uppercase;color:#5f6368}
`

export interface CapturedEmail {
  id: string
  kind: string
  sent_at: Date | null
  message: OutgoingMessage | null
}

export interface CapturedText {
  id: string
  kind: string
  sent_at: Date | null
  to_phone: string | null
  /** as the candidate got it: with the working link */
  body: string
  segments: number | null
}

function TextsCaptured({ texts }: { texts: CapturedText[] }) {
  return (
    <>
      <h2>Texts</h2>
      <p class="muted">
        Texts captured because Twilio's secrets are not set. Nothing here was sent.
      </p>
      {texts.length === 0 ? (
        <p>
          No texts yet. They go to candidates with a number and consent, when the agency has texts
          on.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">To</th>
              <th scope="col">Text</th>
              <th scope="col">Segments</th>
            </tr>
          </thead>
          <tbody>
            {texts.map((text) => (
              <tr key={text.id}>
                <td>{text.sent_at?.toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>{text.to_phone}</td>
                <td>
                  <span class="kind">{text.kind}</span>
                  <br />
                  {text.body}
                </td>
                <td>{text.segments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

export function renderMailbox(emails: CapturedEmail[], texts: CapturedText[] = []): string {
  return renderPage({
    title: 'Dev mailbox',
    css,
    children: (
      <>
        <h1>Dev mailbox</h1>
        <p class="muted">
          Mail captured locally because RESEND_API_KEY is not set. Nothing here was sent. This page
          exists only in local development.
        </p>
        {emails.length === 0 ? (
          <p>No mail yet. Log an interview and its coaching email appears here.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id}>
                  <td>{email.sent_at?.toISOString().replace('T', ' ').slice(0, 19)}</td>
                  <td>{email.message?.to}</td>
                  <td>
                    <span class="kind">{email.kind}</span>
                    <br />
                    {email.message?.subject}
                  </td>
                  <td>
                    <a href={`/dev/mailbox/${email.id}.html`}>HTML</a> ·{' '}
                    <a href={`/dev/mailbox/${email.id}.txt`}>text</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <TextsCaptured texts={texts} />
      </>
    ),
  })
}
