import { z } from 'zod'
import { agencyIdOf, viewerOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse, quotaExceeded } from '../openapi/responses'
import { apiRoute, apiRoutes } from '../openapi/route'
import {
  createInterviewBody,
  interview,
  interviewList,
  interviewListQuery,
} from '../schemas/interview'
import {
  getInterview,
  listInterviews,
  logInterview,
  resendCoachingEmail,
} from '../services/interviews'
import { ignoringKeyParam } from '../validate'
import { idempotencyKey, idempotencyKeyParameter } from './idempotency-header'

const interviewParams = z.object({ id: z.uuid() })
const tags = ['Interviews']

const create = apiRoute({
  method: 'post',
  path: '/',
  summary: 'Log an interview; the coaching email is queued and sent at once',
  tags,
  ...bearer('secret', 'session'),
  parameters: [idempotencyKeyParameter],
  request: {
    body: { required: true, content: { 'application/json': { schema: createInterviewBody } } },
  },
  responses: {
    201: jsonResponse(interview, 'The interview with its coaching state.'),
    429: quotaExceeded,
  },
})

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: "Interviews, newest first (a recruiter session sees the recruiter's own)",
  tags,
  ...bearer('secret', 'session'),
  request: { query: ignoringKeyParam(interviewListQuery) },
  responses: { 200: jsonResponse(interviewList, 'A page of interviews.') },
})

const read = apiRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One interview with its coaching state',
  tags,
  ...bearer('secret', 'session'),
  request: { params: interviewParams },
  responses: { 200: jsonResponse(interview, 'The interview.') },
})

const resend = apiRoute({
  method: 'post',
  path: '/{id}/resend',
  summary: 'Send the coaching email again (not within 10 minutes of the last one)',
  tags,
  ...bearer('secret', 'session'),
  request: { params: interviewParams },
  responses: {
    202: jsonResponse(interview, 'The interview; the email is on its way.'),
    429: quotaExceeded,
  },
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
  .openapi(resend, async (c) => {
    const viewer = viewerOf(c.var.principal)
    return c.json(await resendCoachingEmail(c.var.db, c.var, viewer, c.req.valid('param').id), 202)
  })
