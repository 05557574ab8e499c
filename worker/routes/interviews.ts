import { Hono, type Context } from 'hono'
import type { Db } from '../../db/client'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { agencyIdOf, authenticate, viewerOf } from '../middleware/auth'
import { inTransaction } from '../lib/transaction'
import type { RouteDoc } from '../openapi/registry'
import { enqueueResend } from '../outbox/enqueue'
import { deliverEmail } from '../outbox/send'
import {
  createInterviewBody,
  interview,
  interviewList,
  interviewListQuery,
} from '../schemas/interview'
import { getAgency } from '../services/agencies'
import { onceForKey } from '../services/idempotency'
import { createInterview, getInterview, listInterviews } from '../services/interviews'
import { validate } from '../validate'
import { idempotencyKey } from './idempotency-header'

const interviewParams = z.object({ id: z.uuid() })

export const interviewsRoutes = new Hono<AppEnv>()
  .use(authenticate('secret', 'session'))
  .post('/', validate('json', createInterviewBody), async (c) => {
    const principal = c.var.principal
    const agencyId = agencyIdOf(principal)
    const sessionRecruiterId = principal.kind === 'session' ? principal.recruiterId : null
    const input = c.req.valid('json')
    const agency = await getAgency(c.var.db, agencyId)
    const now = new Date()
    let coachingEmailId: string | null = null
    const result = await onceForKey(
      c.var.db,
      agencyId,
      idempotencyKey(c),
      { input, by: sessionRecruiterId },
      async (trx) => {
        const created = await createInterview(trx, agency, { sessionRecruiterId }, input, {
          now,
          publicUrl: c.var.config.publicUrl ?? new URL(c.req.url).origin,
          fromAddress: c.var.config.email.from,
        })
        coachingEmailId = created.coachingEmailId
        return { status: 201, body: created.interview }
      },
    )
    if (coachingEmailId) {
      c.var.afterResponse(sendNow(c, coachingEmailId))
    }
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
    const { id } = c.req.valid('param')
    await getInterview(c.var.db, viewer, id)
    const emailId = await inTransaction(c.var.db, (trx) =>
      enqueueResend(trx, viewer.agencyId, id, new Date()),
    )
    c.var.afterResponse(sendNow(c, emailId))
    return c.json(await getInterview(c.var.db, viewer, id), 202)
  })

/** After commit, while the response goes out; if it fails, the cron picks the email up again. */
function sendNow(c: Context<AppEnv>, emailId: string) {
  const { mailer, config } = c.var
  return (db: Db) => deliverEmail(db, mailer, emailId, { linkSecret: config.linkSecret })
}

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
