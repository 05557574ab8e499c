import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { linkRoute, type RouteDoc } from '../openapi/registry'
import {
  candidatePageHeaders,
  renderCandidateLinkNotFound,
  renderCandidatePage,
} from '../pages/candidate-page'
import { pageHeaders } from '../pages/layout'
import { loadCandidatePage } from '../services/candidate-page'
import { recordCandidateEvent, recordPageOpened } from '../services/candidate-events'
import { findLinkTarget } from '../services/coaching-links'
import { saveDraft } from '../services/drafts'
import {
  candidateEventBody,
  draftBody,
  htmlPage,
  linkPath,
  noteForm,
  notePath,
  noteState,
  savedDraft,
} from '../schemas/candidate'
import { validate } from '../validate'

const linkGone = () => new ApiError('not_found', 'This link does not work any more.')
const interviewerGone = () => new ApiError('not_found', 'Interviewer not found.')

// The link token is the whole credential: nothing the candidate sees or sends may be cached,
// indexed or passed on in a Referer.
function privateJson(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
}

function page(
  c: Context<AppEnv>,
  html: string,
  headers: Record<string, string>,
  status: 200 | 404,
) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value)
  return c.html(html, status)
}

const linkNotFoundPage = (c: Context<AppEnv>) =>
  page(c, renderCandidateLinkNotFound(), pageHeaders, 404)

/** The candidate's own surface: their page, its no-JavaScript forms, autosave and events. */
export const candidatePageRoutes = new Hono<AppEnv>()
  // Unknown, malformed, expired and erased tokens all get the same page, so the token is read
  // from the path as is and judged by findLinkTarget rather than validated into a JSON 404.
  .get('/:token', async (c) => {
    const token = c.req.param('token')
    const target = await findLinkTarget(c.var.db, token)
    if (!target) return linkNotFoundPage(c)
    if (c.req.method === 'GET') await recordPageOpened(c.var.db, target)
    const html = renderCandidatePage(await loadCandidatePage(c.var.db, target), token, new Date())
    return page(c, html, candidatePageHeaders, 200)
  })
  // Without JavaScript each note is a form: save the draft it holds, and mark it sent or not.
  .post(
    '/:token/notes/:interviewerId',
    validate('param', notePath),
    validate('form', noteForm),
    async (c) => {
      const { token, interviewerId } = c.req.valid('param')
      const { action, body } = c.req.valid('form')
      const target = await findLinkTarget(c.var.db, token)
      if (!target) return linkNotFoundPage(c)
      if (body !== undefined && !(await saveDraft(c.var.db, target, interviewerId, body))) {
        throw interviewerGone()
      }
      if (action !== 'save') {
        await recordCandidateEvent(c.var.db, target, { type: action, interviewerId })
      }
      privateJson(c)
      return c.redirect(`/c/${token}#note-${interviewerId}`, 303)
    },
  )
  .put(
    '/:token/drafts/:interviewerId',
    validate('param', notePath),
    validate('json', draftBody),
    async (c) => {
      privateJson(c)
      const { token, interviewerId } = c.req.valid('param')
      const target = await findLinkTarget(c.var.db, token)
      if (!target) throw linkGone()
      const saved = await saveDraft(c.var.db, target, interviewerId, c.req.valid('json').body)
      if (!saved) throw interviewerGone()
      return c.json(saved)
    },
  )
  .post('/:token/events', validate('json', candidateEventBody), async (c) => {
    privateJson(c)
    const target = await findLinkTarget(c.var.db, c.req.param('token'))
    if (!target) throw linkGone()
    return c.json(await recordCandidateEvent(c.var.db, target, c.req.valid('json')))
  })

export const candidatePageDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/c/:token',
    summary: "The candidate's coaching page: a draft note for each interviewer",
    ...linkRoute('page'),
    params: linkPath,
    success: {
      status: 200,
      description: 'The page (its first visit is recorded).',
      schema: htmlPage,
      contentType: 'text/html',
    },
  },
  {
    method: 'post',
    path: '/c/:token/notes/:interviewerId',
    summary: "The page's form without JavaScript: save the note's draft, mark it sent or not",
    ...linkRoute('page'),
    params: notePath,
    body: noteForm,
    bodyType: 'application/x-www-form-urlencoded',
    success: { status: 303, description: 'Done; Location leads back to the note on the page.' },
  },
  {
    method: 'put',
    path: '/c/:token/drafts/:interviewerId',
    summary: "Autosave the candidate's note to one interviewer",
    ...linkRoute('json'),
    params: notePath,
    body: draftBody,
    success: { status: 200, description: 'The draft is saved.', schema: savedDraft },
  },
  {
    method: 'post',
    path: '/c/:token/events',
    summary: 'Record what the candidate did: copied a note, opened their mail app, sent or unsent',
    ...linkRoute('json'),
    params: linkPath,
    body: candidateEventBody,
    success: {
      status: 200,
      description: 'Which notes are marked sent now.',
      schema: noteState,
    },
  },
]
