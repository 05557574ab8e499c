import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { agencyIdOf, authenticate, viewerOf } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { agency, sendUsage, updateAgencyBody } from '../schemas/agency'
import { getAgency, updateAgency } from '../services/agencies'
import { getSendUsage } from '../services/send-quotas'
import { validate } from '../validate'

export const agencyRoutes = new Hono<AppEnv>()
  .get('/', authenticate('secret', 'session'), async (c) => {
    return c.json(await getAgency(c.var.db, agencyIdOf(c.var.principal)))
  })
  .patch('/', authenticate('secret'), validate('json', updateAgencyBody), async (c) => {
    return c.json(await updateAgency(c.var.db, agencyIdOf(c.var.principal), c.req.valid('json')))
  })
  .get('/usage', authenticate('secret', 'session'), async (c) => {
    const viewer = viewerOf(c.var.principal)
    if (viewer.ownRecruiterId) {
      throw new ApiError(
        'forbidden',
        'Send quota usage is for the secret key or a manager session.',
      )
    }
    return c.json(await getSendUsage(c.var.db, viewer.agencyId, new Date()))
  })

export const agencyDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/agency',
    summary:
      "The caller's agency: name, branding, routing, reminders, time zone, origins, retention, send quotas",
    auth: ['secret', 'session'],
    tag: 'Agencies',
    success: { status: 200, description: 'The agency.', schema: agency },
  },
  {
    method: 'patch',
    path: '/v1/agency',
    summary: "Change the agency's settings; branding fields merge into the current branding",
    auth: ['secret'],
    tag: 'Agencies',
    body: updateAgencyBody,
    success: { status: 200, description: 'The updated agency.', schema: agency },
  },
  {
    method: 'get',
    path: '/v1/agency/usage',
    summary:
      "Use of the send quotas now: today's coaching emails (UTC day) and this hour's per recruiter (manager sessions and the secret key)",
    auth: ['secret', 'session'],
    tag: 'Agencies',
    success: {
      status: 200,
      description: 'Limits, counts and when each window frees.',
      schema: sendUsage,
    },
  },
]
