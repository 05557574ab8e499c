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

export function renderMailbox(emails: CapturedEmail[]): string {
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
      </>
    ),
  })
}
