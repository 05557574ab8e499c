import type { MiddlewareHandler } from 'hono'
import type { AppEnv, PrincipalKind } from '../env'
import { authenticate } from '../middleware/auth'

/** How a bearer credential is sent; each operation's `x-credentials` names the kinds it takes. */
export const bearerScheme = {
  type: 'http',
  scheme: 'bearer',
  description:
    'The admin token, a secret key (ft_sk_…) or a recruiter session (ft_ses_…); x-credentials names which a route takes. From a browser, also send the publishable key (X-Followthrough-Key or ?key=).',
} as const

/**
 * A route that takes a bearer credential of these kinds. One list is both what the document says
 * (`x-credentials`) and what `authenticate` lets through; the shared auth suite checks that the
 * route then accepts each of them.
 */
export function bearer(...kinds: PrincipalKind[]) {
  return {
    security: [{ bearer: [] }],
    'x-credentials': kinds,
    middleware: [authenticate(...kinds)],
  }
}

/** A candidate link: the token in the path is the whole credential; no Authorization header. */
export const candidateLink = { security: [], 'x-credentials': ['link'] }

/**
 * A delivery from another system: the signature over its exact body (in a provider's header) is
 * the credential, checked by `middleware`; no Authorization header.
 */
export const signedDelivery = (middleware: MiddlewareHandler<AppEnv>) => ({
  security: [],
  'x-credentials': ['signature'],
  middleware: [middleware],
})

/** A route anyone may call. */
export const noCredential = { security: [] }
