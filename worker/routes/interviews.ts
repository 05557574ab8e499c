import { idPath } from '../schemas/common'
import { agencyIdOf, viewerOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse, quotaExceeded } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
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
