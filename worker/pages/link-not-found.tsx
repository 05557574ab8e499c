import { fill } from '../i18n/catalog'
import { messagesFor, type Language } from '../i18n'
import { renderPage } from './layout'

/**
 * What a candidate link (the coaching page, unsubscribe) shows when it does not work, in the
 * language the browser asks for. It says nothing about whose link it was or why it failed: a
 * guessed token learns nothing.
 */
export function renderLinkNotFound(language: Language): string {
  const { link, meta } = messagesFor(language)
  return renderPage({
    title: link.notFoundTitle,
    lang: meta.locale,
    children: (
      <>
        <h1>{link.notFoundHeading}</h1>
        <p>{link.notFoundBody}</p>
        <p class="muted">{link.notFoundHelp}</p>
      </>
    ),
  })
}

/** What the candidate's link shows once the recruiter has canceled the interview. */
export function renderInterviewCanceled(agencyName: string, language: Language): string {
  const { link, meta } = messagesFor(language)
  return renderPage({
    title: link.canceledTitle,
    lang: meta.locale,
    children: (
      <>
        <h1>{link.canceledHeading}</h1>
        <p>{fill(link.canceledBody, { agency: agencyName })}</p>
        <p class="muted">{link.canceledHelp}</p>
      </>
    ),
  })
}
