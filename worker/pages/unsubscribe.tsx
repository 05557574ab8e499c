import { safeColor, textColorOn } from '../email/format'
import { renderPage } from './layout'

function buttonCss(color: string): string {
  const background = safeColor(color, '#1f4f8f')
  return `button{background:${background};color:${textColorOn(background)}}`
}

export function renderUnsubscribeConfirm(agencyName: string, primaryColor: string): string {
  return renderPage({
    title: `Unsubscribe from ${agencyName}`,
    css: buttonCss(primaryColor),
    children: (
      <>
        <h1>Stop emails from {agencyName}?</h1>
        <p>
          You will no longer get interview coaching emails or reminders from {agencyName} through
          Followthrough.
        </p>
        {/* no action: the form posts back to this same link; the field is RFC 8058's one-click */}
        <form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">Unsubscribe</button>
        </form>
      </>
    ),
  })
}

export function renderUnsubscribed(agencyName: string): string {
  return renderPage({
    title: "You're unsubscribed",
    children: (
      <>
        <h1>You're unsubscribed</h1>
        <p>{agencyName} won't send you any more coaching emails through Followthrough.</p>
        <p class="muted">You can close this page.</p>
      </>
    ),
  })
}
