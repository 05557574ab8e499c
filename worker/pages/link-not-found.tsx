import { fill } from '../i18n/catalog'
import { messagesFor, type Language, type Messages } from '../i18n'
import { renderPage } from './layout'

type LinkWords = Messages['link']

/** A short page of a heading, a sentence and where to get help, in the reader's language. */
function notice(language: Language, words: (link: LinkWords) => [string, string, string, string]) {
  const { link, meta } = messagesFor(language)
  const [title, heading, body, help] = words(link)
  return renderPage({
    title,
    lang: meta.locale,
    children: (
      <>
        <h1>{heading}</h1>
        <p>{body}</p>
        <p class="muted">{help}</p>
      </>
    ),
  })
}

/**
 * What a candidate link (the coaching page, unsubscribe) shows when it does not work, in the
 * language the browser asks for. It says nothing about whose link it was or why it failed: a
 * guessed token learns nothing.
 */
export function renderLinkNotFound(language: Language): string {
  return notice(language, (link) => [
    link.notFoundTitle,
    link.notFoundHeading,
    link.notFoundBody,
    link.notFoundHelp,
  ])
}

/** What the candidate's link shows once the recruiter has canceled the interview. */
export function renderInterviewCanceled(agencyName: string, language: Language): string {
  return notice(language, (link) => [
    link.canceledTitle,
    link.canceledHeading,
    fill(link.canceledBody, { agency: agencyName }),
    link.canceledHelp,
  ])
}
