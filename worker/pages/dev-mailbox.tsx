import type { ComponentChildren } from 'preact'
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

interface Captured {
  id: string
  kind: string
  sent_at: Date | null
}

/** One table of what was captured: when, to whom, its kind above what it says, and a last column. */
function CapturedTable<T extends Captured>(props: {
  rows: T[]
  empty: string
  columns: [string, string, string]
  to: (row: T) => string | null | undefined
  what: (row: T) => string | null | undefined
  last: (row: T) => ComponentChildren
}) {
  const { rows, columns } = props
  if (rows.length === 0) return <p>{props.empty}</p>
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">When</th>
          {columns.map((name) => (
            <th scope="col">{name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{row.sent_at?.toISOString().replace('T', ' ').slice(0, 19)}</td>
            <td>{props.to(row)}</td>
            <td>
              <span class="kind">{row.kind}</span>
              <br />
              {props.what(row)}
            </td>
            <td>{props.last(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
        <CapturedTable
          rows={emails}
          empty="No mail yet. Log an interview and its coaching email appears here."
          columns={['To', 'Subject', 'Open']}
          to={(email) => email.message?.to}
          what={(email) => email.message?.subject}
          last={(email) => (
            <>
              <a href={`/dev/mailbox/${email.id}.html`}>HTML</a> ·{' '}
              <a href={`/dev/mailbox/${email.id}.txt`}>text</a>
            </>
          )}
        />
        <h2>Texts</h2>
        <p class="muted">
          Texts captured because Twilio's secrets are not set. Nothing here was sent.
        </p>
        <CapturedTable
          rows={texts}
          empty="No texts yet. They go to candidates with a number and consent, when the agency has texts on."
          columns={['To', 'Text', 'Segments']}
          to={(text) => text.to_phone}
          what={(text) => text.body}
          last={(text) => text.segments}
        />
      </>
    ),
  })
}
