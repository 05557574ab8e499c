import { renderPage } from './layout'

/**
 * What a candidate link (the coaching page, unsubscribe) shows when it does not work. It says
 * nothing about whose link it was or why it failed: a guessed token learns nothing.
 */
export function renderLinkNotFound(): string {
  return renderPage({
    title: 'Link not found',
    children: (
      <>
        <h1>This link doesn't work</h1>
        <p>It may have expired or been mistyped. Nothing has been changed.</p>
        <p class="muted">If you need help, reply to the email this link came in.</p>
      </>
    ),
  })
}

/** What the candidate's link shows once the recruiter has canceled the interview. */
export function renderInterviewCanceled(agencyName: string): string {
  return renderPage({
    title: 'Interview canceled',
    children: (
      <>
        <h1>This interview was canceled</h1>
        <p>
          {agencyName} marked this interview as canceled, so there are no thank-you notes to send
          for it.
        </p>
        <p class="muted">If that seems wrong, reply to the email this link came in.</p>
      </>
    ),
  })
}
