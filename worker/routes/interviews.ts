import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { agencyIdOf, authenticate, viewerOf } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
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
import { validate } from '../validate'
import { idempotencyKey } from './idempotency-header'

const interviewParams = z.object({ id: z.uuid() })

export const interviewsRoutes = new Hono<AppEnv>()
  .use(authenticate('secret', 'session'))
  .post('/', validate('json', createInterviewBody), async (c) => {
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
  .get('/', validate('query', interviewListQuery), async (c) => {
    return c.json(await listInterviews(c.var.db, viewerOf(c.var.principal), c.req.valid('query')))
  })
  .get('/:id', validate('param', interviewParams), async (c) => {
    return c.json(await getInterview(c.var.db, viewerOf(c.var.principal), c.req.valid('param').id))
  })
  .post('/:id/resend', validate('param', interviewParams), async (c) => {
    const viewer = viewerOf(c.var.principal)
    return c.json(await resendCoachingEmail(c.var.db, c.var, viewer, c.req.valid('param').id), 202)
  })

export const interviewsDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/interviews',
    summary: 'Log an interview; the coaching email is queued and sent at once',
    auth: ['secret', 'session'],
    tag: 'Interviews',
    body: createInterviewBody,
    idempotent: true,
    sendsMail: true,
    success: {
      status: 201,
      description: 'The interview with its coaching state.',
      schema: interview,
    },
  },
  {
    method: 'get',
    path: '/v1/interviews',
    summary: "Interviews, newest first (a recruiter session sees the recruiter's own)",
    auth: ['secret', 'session'],
    tag: 'Interviews',
    query: interviewListQuery,
    success: { status: 200, description: 'A page of interviews.', schema: interviewList },
  },
  {
    method: 'get',
    path: '/v1/interviews/:id',
    summary: 'One interview with its coaching state',
    auth: ['secret', 'session'],
    tag: 'Interviews',
    params: interviewParams,
    success: { status: 200, description: 'The interview.', schema: interview },
  },
  {
    method: 'post',
    path: '/v1/interviews/:id/resend',
    summary: 'Send the coaching email again (not within 10 minutes of the last one)',
    auth: ['secret', 'session'],
    tag: 'Interviews',
    params: interviewParams,
    sendsMail: true,
    success: {
      status: 202,
      description: 'The interview; the email is on its way.',
      schema: interview,
    },
  },
]
