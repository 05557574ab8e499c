import { z } from 'zod'
import { idPath } from '../schemas/common'
import { agencyIdOf, viewerOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { errorResponse, jsonResponse, quotaExceeded } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import {
  createInterviewBody,
  interview,
  interviewExportQuery,
  interviewList,
  interviewListQuery,
  outcomeBody,
  updateInterviewBody,
} from '../schemas/interview'
import {
  getInterview,
  listInterviews,
  logInterview,
  recruiterFilterOf,
  resendCoachingEmail,
} from '../services/interviews'
import { writeInterviewsCsv } from '../services/interviews-csv'
import { cancelInterview, updateInterview } from '../services/interview-changes'
import { recordOutcome } from '../services/outcomes'
import { idempotencyKey, idempotencyKeyParameter } from './idempotency-header'

const interviews = resource('Interviews', bearer('secret', 'session'))

const create = interviews.post('/', {
  summary: 'Log an interview; the coaching email is queued and sent at once',
  parameters: [idempotencyKeyParameter],
  request: { body: jsonBody(createInterviewBody) },
  responses: {
    201: jsonResponse(interview, 'The interview with its coaching state.'),
    429: quotaExceeded,
  },
})

const list = interviews.get('/', {
  summary: "Interviews, newest first (a recruiter session sees the recruiter's own)",
  request: { query: interviewListQuery },
  responses: { 200: jsonResponse(interviewList, 'A page of interviews.') },
})

const read = interviews.get('/{id}', {
  summary: 'One interview with its coaching state',
  request: { params: idPath },
  responses: { 200: jsonResponse(interview, 'The interview.') },
})

const resend = interviews.post('/{id}/resend', {
  summary: 'Send the coaching email again (not within 10 minutes of the last one)',
  request: { params: idPath },
  responses: {
    202: jsonResponse(interview, 'The interview; the email is on its way.'),
    429: quotaExceeded,
  },
})

const update = interviews.patch('/{id}', {
  summary:
    'Reschedule or correct an interview (start, length, format, interviewers, role, client, talking points) while its coaching email has not gone; its messages move with it',
  request: { params: idPath, body: jsonBody(updateInterviewBody) },
  responses: {
    200: jsonResponse(interview, 'The interview as it is now.'),
    409: errorResponse(
      'conflict: the coaching email has gone, or the interview was canceled or erased.',
    ),
  },
})

const cancel = interviews.post('/{id}/cancel', {
  summary:
    'Cancel an interview that did not take place: what was still to go is canceled and the stats leave it out (a repeat changes nothing)',
  request: { params: idPath },
  responses: { 200: jsonResponse(interview, 'The interview, canceled.') },
})

const outcome = interviews.post('/{id}/outcome', {
  summary:
    'Record where the candidate got after the interview: advanced, offer, hired, rejected or withdrawn (the latest counts)',
  request: { params: idPath, body: jsonBody(outcomeBody) },
  responses: {
    200: jsonResponse(interview, 'The interview with its outcome.'),
    409: errorResponse('conflict: the interview was canceled.'),
  },
})

const exportCsv = interviews.get('/', {
  summary:
    'Every interview matching the list filters as CSV, one row each, in the order they took place (streamed)',
  request: { query: interviewExportQuery },
  responses: {
    200: {
      description:
        "A CSV attachment with a header row; text cells that start like a formula are prefixed with '.",
      content: { 'text/csv': { schema: z.string() } },
    },
  },
})

/** /v1/interviews.csv: written to the response as it is read */
export const interviewsCsvRoutes = apiRoutes().openapi(exportCsv, async (c) => {
  const viewer = viewerOf(c.var.principal)
  const filters = c.req.valid('query')
  // refused before the answer starts: once it has, a refusal could only cut the file short
  recruiterFilterOf(viewer, filters.recruiterId)
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
  const writer = writable.getWriter()
  c.var.afterResponse((db) => writeInterviewsCsv(db, viewer, filters, writer))
  const day = new Date().toISOString().slice(0, 10)
  return c.body(readable, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="followthrough-interviews-${day}.csv"`,
  })
})

export const interviewsRoutes = apiRoutes()
  .openapi(create, async (c) => {
    const principal = c.var.principal
    const actor = {
      agencyId: agencyIdOf(principal),
      sessionRecruiterId: principal.kind === 'session' ? principal.recruiterId : null,
    }
    const result = await logInterview(c.var.db, c.var, actor, c.req.valid('json'), {
      idempotencyKey: idempotencyKey(c),
      requestOrigin: new URL(c.req.url).origin,
    })
    return c.json(result.body, result.status as 201)
  })
  .openapi(list, async (c) => {
    return c.json(await listInterviews(c.var.db, viewerOf(c.var.principal), c.req.valid('query')))
  })
  .openapi(read, async (c) => {
    return c.json(await getInterview(c.var.db, viewerOf(c.var.principal), c.req.valid('param').id))
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(
      await updateInterview(c.var.db, c.var, viewerOf(c.var.principal), id, c.req.valid('json'), {
        requestOrigin: new URL(c.req.url).origin,
      }),
    )
  })
  .openapi(cancel, async (c) => {
    return c.json(
      await cancelInterview(c.var.db, viewerOf(c.var.principal), c.req.valid('param').id),
    )
  })
  .openapi(outcome, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await recordOutcome(c.var.db, viewerOf(c.var.principal), id, c.req.valid('json')))
  })
  .openapi(resend, async (c) => {
    const viewer = viewerOf(c.var.principal)
    return c.json(await resendCoachingEmail(c.var.db, c.var, viewer, c.req.valid('param').id), 202)
  })
