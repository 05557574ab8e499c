import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { linkPage } from '../openapi/responses'
import { apiRoutes, candidateLinkRoutes } from '../openapi/route'
import { pageHeaders } from '../pages/layout'
import { preferredLanguage } from '../i18n/negotiate'
import { renderLinkNotFound } from '../pages/link-not-found'
import { renderUnsubscribeConfirm, renderUnsubscribed } from '../pages/unsubscribe'
import { linkPath } from '../schemas/candidate'
import { findUnsubscribeState, unsubscribeCandidate } from '../services/unsubscribe'

function page(c: Context<AppEnv>, html: string, status: 200 | 404 = 200) {
  for (const [name, value] of Object.entries(pageHeaders)) c.header(name, value)
  return c.html(html, status)
}

// The token is checked by the service (malformed, unknown, expired and erased all look alike), so
// the path takes any string rather than validating it into a JSON 404 here.
const confirmPage = candidateLinkRoutes.get('/{token}', {
  summary: 'Ask whether to unsubscribe (a GET never unsubscribes: mail scanners open links)',
  request: { params: linkPath },
  responses: linkPage('The confirm page, or the note that the candidate is unsubscribed.'),
})

// RFC 8058 one-click: mail clients post `List-Unsubscribe=One-Click`, the confirm form posts the
// same field. The token is the whole credential, so any POST to the link unsubscribes and the
// body is never needed (the drain middleware reads whatever was sent).
const oneClick = candidateLinkRoutes.post('/{token}', {
  summary:
    "Unsubscribe from all of the agency's mail in one click (RFC 8058); the body, such as List-Unsubscribe=One-Click, is not needed",
  request: { params: linkPath },
  responses: linkPage('The candidate is unsubscribed (a repeat changes nothing).'),
})

export const unsubscribeRoutes = apiRoutes()
  .openapi(confirmPage, async (c) => {
    const state = await findUnsubscribeState(c.var.db, c.req.valid('param').token)
    if (!state)
      return page(c, renderLinkNotFound(preferredLanguage(c.req.header('accept-language'))), 404)
    // A GET only asks: link scanners in mail systems open every link, and must not unsubscribe.
    if (state.unsubscribed) return page(c, renderUnsubscribed(state.agencyName, state.language))
    return page(c, renderUnsubscribeConfirm(state.agencyName, state.primaryColor, state.language))
  })
  .openapi(oneClick, async (c) => {
    const state = await unsubscribeCandidate(c.var.db, c.req.valid('param').token)
    if (!state)
      return page(c, renderLinkNotFound(preferredLanguage(c.req.header('accept-language'))), 404)
    return page(c, renderUnsubscribed(state.agencyName, state.language))
  })
