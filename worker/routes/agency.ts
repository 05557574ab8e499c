import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { agencyIdOf, authenticate } from '../middleware/auth'
import type { RouteDoc } from '../openapi/registry'
import { agency, updateAgencyBody } from '../schemas/agency'
import { getAgency, updateAgency } from '../services/agencies'
import { validate } from '../validate'

export const agencyRoutes = new Hono<AppEnv>()
  .get('/', authenticate('secret', 'session'), async (c) => {
    return c.json(await getAgency(c.var.db, agencyIdOf(c.var.principal)))
  })
  .patch('/', authenticate('secret'), validate('json', updateAgencyBody), async (c) => {
    return c.json(await updateAgency(c.var.db, agencyIdOf(c.var.principal), c.req.valid('json')))
  })

export const agencyDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/agency',
    summary: "The caller's agency: name, branding, routing, reminders, time zone, origins",
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
]
