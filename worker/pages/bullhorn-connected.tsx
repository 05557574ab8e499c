import { renderPage } from './layout'

/** What the agency's user sees once Bullhorn sent them back and the connection is made. */
export function renderBullhornConnected(): string {
  return renderPage({
    title: 'Bullhorn connected',
    children: (
      <>
        <h1>Bullhorn is connected</h1>
        <p>
          Followthrough now reads new and changed interviews from Bullhorn every minute, and adds a
          note to the candidate once their thank-you notes are sent.
        </p>
        <p class="muted">You can close this window.</p>
      </>
    ),
  })
}
