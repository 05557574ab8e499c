import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { findLinkTarget } from '../services/coaching-links'
import { recordCandidateEvent } from '../services/candidate-events'
import { candidateEventBody } from '../schemas/candidate'
import { validate } from '../validate'

const linkGone = () => new ApiError('not_found', 'This link does not work any more.')

/** The candidate's own surface: the link token is the whole credential. */
export const candidateRoutes = new Hono<AppEnv>().post(
  '/:token/events',
  validate('json', candidateEventBody),
  async (c) => {
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    const target = await findLinkTarget(c.var.db, c.req.param('token'))
    if (!target) throw linkGone()
    return c.json(await recordCandidateEvent(c.var.db, target, c.req.valid('json')))
  },
)
