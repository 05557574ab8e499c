import type { Context } from 'hono'
import type { Db } from '../../db/client'
import { z } from 'zod'
import { deliverEmail } from '../email/outbox'
import type { AppEnv } from '../env'
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
import { getAgency } from '../services/agencies'
import { onceForKey } from '../services/idempotency'
import { createInterview, getInterview, listInterviews } from '../services/interviews'
import { queueResend } from '../services/resend-coaching'
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
  .openapi(list, async (c) => {
    return c.json(await listInterviews(c.var.db, viewerOf(c.var.principal), c.req.valid('query')))
  })
  .openapi(read, async (c) => {
    return c.json(await getInterview(c.var.db, viewerOf(c.var.principal), c.req.valid('param').id))
  })
  .openapi(resend, async (c) => {
    const viewer = viewerOf(c.var.principal)
    const { id } = c.req.valid('param')
    await getInterview(c.var.db, viewer, id)
    const emailId = await queueResend(c.var.db, viewer.agencyId, id, new Date())
    c.var.afterResponse(sendNow(c, emailId))
    return c.json(await getInterview(c.var.db, viewer, id), 202)
  })

/** After commit, while the response goes out; if it fails, the cron picks the email up again. */
function sendNow(c: Context<AppEnv>, emailId: string) {
  const { mailer, config } = c.var
  return (db: Db) => deliverEmail(db, mailer, emailId, { linkSecret: config.linkSecret })
}
