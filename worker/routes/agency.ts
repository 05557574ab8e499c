import { agencyIdOf, agencyWideOf } from '../middleware/auth'
import { bearer } from '../openapi/credentials'
import { jsonResponse } from '../openapi/responses'
import { apiRoutes, jsonBody, resource } from '../openapi/route'
import { agency as agencySchema, sendUsage, updateAgencyBody } from '../schemas/agency'
import { getAgency, updateAgency } from '../services/agencies'
import { getSendUsage } from '../services/send-quotas'

const agency = resource('Agencies', bearer('secret', 'session'))

const read = agency.get('/', {
  summary:
    "The caller's agency: name, branding, routing, reminders, time zone, origins, retention, send quotas",
  responses: { 200: jsonResponse(agencySchema, 'The agency.') },
})

const update = agency.patch('/', {
  summary: "Change the agency's settings; branding fields merge into the current branding",
  ...bearer('secret'),
  request: { body: jsonBody(updateAgencyBody) },
  responses: { 200: jsonResponse(agencySchema, 'The updated agency.') },
})

const usage = agency.get('/usage', {
  summary:
    "Use of the send quotas now: today's coaching emails (UTC day) and this hour's per recruiter (manager sessions and the secret key)",
  responses: { 200: jsonResponse(sendUsage, 'Limits, counts and when each window frees.') },
})

export const agencyRoutes = apiRoutes()
  .openapi(read, async (c) => {
    return c.json(await getAgency(c.var.db, agencyIdOf(c.var.principal)))
  })
  .openapi(update, async (c) => {
    return c.json(await updateAgency(c.var.db, agencyIdOf(c.var.principal), c.req.valid('json')))
  })
  .openapi(usage, async (c) => {
    const agencyId = agencyWideOf(
      c.var.principal,
      'Send quota usage is for the secret key or a manager session.',
    )
    return c.json(await getSendUsage(c.var.db, agencyId, new Date()))
  })
