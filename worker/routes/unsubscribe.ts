import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { linkRoute, type RouteDoc } from '../openapi/registry'
import { pageHeaders } from '../pages/layout'
import {
  renderLinkNotFound,
  renderUnsubscribeConfirm,
  renderUnsubscribed,
} from '../pages/unsubscribe'
import { htmlPage, linkPath } from '../schemas/candidate'
import { findUnsubscribeState, unsubscribeCandidate } from '../services/unsubscribe'

function page(c: Context<AppEnv>, html: string, status: 200 | 404 = 200) {
  for (const [name, value] of Object.entries(pageHeaders)) c.header(name, value)
  return c.html(html, status)
}

// The token is checked by the service (malformed, unknown, expired and erased all look alike), so
// it is read from the path as is rather than validated into a JSON 404 here.
export const unsubscribeRoutes = new Hono<AppEnv>()
  .get('/:token', async (c) => {
    const state = await findUnsubscribeState(c.var.db, c.req.param('token'))
    if (!state) return page(c, renderLinkNotFound(), 404)
    // A GET only asks: link scanners in mail systems open every link, and must not unsubscribe.
    if (state.unsubscribed) return page(c, renderUnsubscribed(state.agencyName))
    return page(c, renderUnsubscribeConfirm(state.agencyName, state.primaryColor))
  })
  // RFC 8058 one-click: mail clients post `List-Unsubscribe=One-Click`, the confirm form posts the
  // same field. The token is the whole credential, so any POST to the link unsubscribes and the
  // body is never needed (the drain middleware reads whatever was sent).
  .post('/:token', async (c) => {
    const state = await unsubscribeCandidate(c.var.db, c.req.param('token'))
    if (!state) return page(c, renderLinkNotFound(), 404)
    return page(c, renderUnsubscribed(state.agencyName))
  })

export const unsubscribeDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/u/:token',
    summary: 'Ask whether to unsubscribe (a GET never unsubscribes: mail scanners open links)',
    ...linkRoute('page'),
    params: linkPath,
    success: {
      status: 200,
      description: 'The confirm page, or the note that the candidate is unsubscribed.',
      schema: htmlPage,
      contentType: 'text/html',
    },
  },
  {
    method: 'post',
    path: '/u/:token',
    summary:
      "Unsubscribe from all of the agency's mail in one click (RFC 8058); the body, such as List-Unsubscribe=One-Click, is not needed",
    ...linkRoute('page'),
    params: linkPath,
    success: {
      status: 200,
      description: 'The candidate is unsubscribed (a repeat changes nothing).',
      schema: htmlPage,
      contentType: 'text/html',
    },
  },
]
