import { safeColor, textColorOn } from '../email/format'
import { fill } from '../i18n/catalog'
import { messagesFor, type Language } from '../i18n'
import { renderPage } from './layout'

function buttonCss(color: string): string {
  const background = safeColor(color, '#1f4f8f')
  return `button{background:${background};color:${textColorOn(background)}}`
}

export function renderUnsubscribeConfirm(
  agencyName: string,
  primaryColor: string,
  language: Language,
): string {
  const m = messagesFor(language)
  const agency = { agency: agencyName }
  return renderPage({
    title: fill(m.unsubscribe.confirmTitle, agency),
    lang: m.meta.locale,
    css: buttonCss(primaryColor),
    children: (
      <>
        <h1>{fill(m.unsubscribe.confirmHeading, agency)}</h1>
        <p>{fill(m.unsubscribe.confirmBody, agency)}</p>
        {/* no action: the form posts back to this same link; the field is RFC 8058's one-click */}
        <form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">{m.unsubscribe.button}</button>
        </form>
      </>
    ),
  })
}

export function renderUnsubscribed(agencyName: string, language: Language): string {
  const m = messagesFor(language)
  return renderPage({
    title: m.unsubscribe.doneTitle,
    lang: m.meta.locale,
    children: (
      <>
        <h1>{m.unsubscribe.doneTitle}</h1>
        <p>{fill(m.unsubscribe.doneBody, { agency: agencyName })}</p>
        <p class="muted">{m.unsubscribe.close}</p>
      </>
    ),
  })
}
