import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { developmentOnly } from '../middleware/development-only'
import { pageHeaders } from '../pages/layout'
import { renderMailbox } from '../pages/dev-mailbox'
import { fillLinkToken, linkTokenFor, withLinkToken } from '../services/coaching-links'
import { findCapturedEmail, listCapturedEmails, listCapturedTexts } from '../services/dev-mailbox'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The mail captured without RESEND_API_KEY, as the candidate would have got it. */
export const devMailboxRoutes = new Hono<AppEnv>()
  .use(developmentOnly(), async (c, next) => {
    for (const [name, value] of Object.entries(pageHeaders)) c.header(name, value)
    await next()
  })
  .get('/mailbox', async (c) => {
    const texts = await listCapturedTexts(c.var.db)
    // as the candidate got them: with the working link, which is never stored
    const withLinks = await Promise.all(
      texts.map(async (text) => ({
        ...text,
        body: fillLinkToken(
          text.body!,
          await linkTokenFor(c.var.config.linkSecret, text.interview_id),
        ),
      })),
    )
    return c.html(renderMailbox(await listCapturedEmails(c.var.db), withLinks))
  })
  .get('/mailbox/:file{[0-9a-f-]{36}\\.(?:html|txt)}', async (c) => {
    const file = c.req.param('file')
    const id = file.slice(0, 36)
    const email = uuid.test(id) ? await findCapturedEmail(c.var.db, id) : undefined
    if (!email?.message) throw new ApiError('not_found', 'No such captured email.')
    // as the candidate got it: with the working link, which is never stored
    const message = withLinkToken(
      email.message,
      await linkTokenFor(c.var.config.linkSecret, email.interview_id),
    )
    if (file.endsWith('.txt')) return c.text(message.text)
    // the email's own HTML, shown as a mail client would: inline styles, images, no script
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'none'",
    )
    return c.html(message.html)
  })
