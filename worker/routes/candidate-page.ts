import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { jsonResponse, linkNotFound, linkPage } from '../openapi/responses'
import { apiRoutes, formBody, jsonBody, candidateLinkRoutes } from '../openapi/route'
import { candidatePageHeaders, renderCandidatePage } from '../pages/candidate-page'
import { pageHeaders } from '../pages/layout'
import { renderInterviewCanceled, renderLinkNotFound } from '../pages/link-not-found'
import { getAgency } from '../services/agencies'
import { loadCandidatePage } from '../services/candidate-page'
import { recordCandidateEvent, recordPageOpened } from '../services/candidate-events'
import { findLinkTarget, type LinkTarget } from '../services/coaching-links'
import { isLanguage, type Language } from '../i18n/catalog'
import { preferredLanguage } from '../i18n/negotiate'
import { saveDraft } from '../services/drafts'
import {
  candidateEventBody,
  draftBody,
  linkPath,
  linkQuery,
  noteForm,
  notePath,
  noteState,
  savedDraft,
} from '../schemas/candidate'

const linkGone = () => new ApiError('not_found', 'This link does not work any more.')
const canceledInterview = () =>
  new ApiError('conflict', 'The interview was canceled; there are no notes to send for it.')
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
  page(c, renderLinkNotFound(preferredLanguage(c.req.header('accept-language'))), pageHeaders, 404)

/** The page's language: one the candidate switched to (`?lang=`), else theirs. */
const pageLanguage = (c: Context<AppEnv>, target: LinkTarget): Language => {
  const asked = c.req.query('lang')
  return isLanguage(asked) ? asked : target.language
}

// Unknown, malformed, expired and erased tokens all get the same page, so the token is taken from
// the path as any string and judged by findLinkTarget rather than validated into a JSON 404.
const candidatePage = candidateLinkRoutes.get('/{token}', {
  summary: "The candidate's coaching page: a draft note for each interviewer",
  request: { params: linkPath, query: linkQuery },
  responses: linkPage(
    'The page (its first visit is recorded), or a page saying the interview was canceled.',
  ),
})

// Without JavaScript each note is a form: save the draft it holds, and mark it sent or not.
const noteFormPost = candidateLinkRoutes.post('/{token}/notes/{interviewerId}', {
  summary: "The page's form without JavaScript: save the note's draft, mark it sent or not",
  request: { params: notePath, query: linkQuery, body: formBody(noteForm) },
  responses: {
    303: { description: 'Done; Location leads back to the note on the page.' },
    404: linkNotFound.pageOrJson,
  },
})

const autosave = candidateLinkRoutes.put('/{token}/drafts/{interviewerId}', {
  summary: "Autosave the candidate's note to one interviewer",
  request: { params: notePath, body: jsonBody(draftBody) },
  responses: { 200: jsonResponse(savedDraft, 'The draft is saved.') },
})

const event = candidateLinkRoutes.post('/{token}/events', {
  summary: 'Record what the candidate did: copied a note, opened their mail app, sent or unsent',
  request: { params: linkPath, body: jsonBody(candidateEventBody) },
  responses: { 200: jsonResponse(noteState, 'Which notes are marked sent now.') },
})

/** The candidate's own surface: their page, its no-JavaScript forms, autosave and events. */
export const candidatePageRoutes = apiRoutes()
  .openapi(candidatePage, async (c) => {
    const token = c.req.valid('param').token
    const target = await findLinkTarget(c.var.db, token)
    if (!target) return linkNotFoundPage(c)
    if (target.canceled) {
      const { name } = await getAgency(c.var.db, target.agencyId)
      return page(c, renderInterviewCanceled(name, pageLanguage(c, target)), pageHeaders, 200)
    }
    // a view after the first costs nothing more than the link's look-up
    if (c.req.method === 'GET' && !target.pageOpened) await recordPageOpened(c.var.db, target)
    const content = await loadCandidatePage(c.var.db, target)
    const html = renderCandidatePage(
      { ...content, language: pageLanguage(c, target) },
      token,
      new Date(),
    )
    return page(c, html, candidatePageHeaders, 200)
  })
  .openapi(noteFormPost, async (c) => {
    const { token, interviewerId } = c.req.valid('param')
    const { action, body } = c.req.valid('form')
    const target = await findLinkTarget(c.var.db, token)
    if (!target) return linkNotFoundPage(c)
    if (target.canceled) throw canceledInterview()
    if (body !== undefined && !(await saveDraft(c.var.db, target, interviewerId, body))) {
      throw interviewerGone()
    }
    if (action !== 'save') {
      await recordCandidateEvent(c.var.db, target, { type: action, interviewerId })
    }
    privateJson(c)
    // back to the page in the language it was in
    const lang = pageLanguage(c, target)
    const query = lang === target.language ? '' : `?lang=${lang}`
    return c.redirect(`/c/${token}${query}#note-${interviewerId}`, 303)
  })
  .openapi(autosave, async (c) => {
    privateJson(c)
    const { token, interviewerId } = c.req.valid('param')
    const target = await findLinkTarget(c.var.db, token)
    if (!target) throw linkGone()
    if (target.canceled) throw canceledInterview()
    const saved = await saveDraft(c.var.db, target, interviewerId, c.req.valid('json').body)
    if (!saved) throw interviewerGone()
    return c.json(saved)
  })
  .openapi(event, async (c) => {
    privateJson(c)
    const target = await findLinkTarget(c.var.db, c.req.valid('param').token)
    if (!target) throw linkGone()
    if (target.canceled) throw canceledInterview()
    return c.json(await recordCandidateEvent(c.var.db, target, c.req.valid('json')))
  })
