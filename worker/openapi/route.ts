import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import type { z } from 'zod'
import type { AppEnv } from '../env'
import { bodyLimits } from '../middleware/body-limit'
import { ignoringKeyParam, rejectInvalidInput } from '../validate'
import { candidateLink } from './credentials'
import { errorResponse, interviewCanceled, linkNotFound } from './responses'

/** A resource's sub-app: its routes are in the API document and answer bad input as errors. */
export const apiRoutes = () => new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalidInput })

/** The error answers that follow from what a route takes: every route documents them alike. */
function errorResponsesOf(route: RouteConfig) {
  const credentials: string[] = route['x-credentials'] ?? []
  const link = credentials.includes('link')
  const takesIdempotencyKey = route.parameters?.some(
    (parameter) => 'name' in parameter && parameter.name === 'Idempotency-Key',
  )
  return {
    400: errorResponse('validation_failed: the request is not valid; details name each field.'),
    404: errorResponse('not_found: no such resource for this caller.'),
    500: errorResponse('internal: something failed on our side; the body holds no details.'),
    ...(route.security?.length
      ? {
          401: errorResponse('unauthorized: no credential, or not valid, revoked or expired.'),
          403: errorResponse('forbidden: this credential may not do this.'),
        }
      : {}),
    ...(route.request?.body
      ? {
          413: errorResponse(
            `payload_too_large: the body is over ${(link ? bodyLimits.link : bodyLimits.api) / 1024} KB.`,
          ),
          415: errorResponse('unsupported_media_type: the body is not of the type given here.'),
        }
      : {}),
    ...(takesIdempotencyKey
      ? { 409: errorResponse('conflict: Idempotency-Key reused with another body.') }
      : {}),
    // a candidate's writes through their link: the link may not work, or its interview canceled
    ...(link && route.request?.body ? { 404: linkNotFound.json, 409: interviewCanceled } : {}),
  }
}

/**
 * One route: path, credentials, what it reads, what it answers and its docs. The errors every
 * route of its kind may answer are added to the responses it names.
 */
export function apiRoute<R extends RouteConfig>(route: R) {
  return createRoute({ ...route, responses: { ...errorResponsesOf(route), ...route.responses } })
}

type Declaration = Omit<RouteConfig, 'method' | 'path' | 'tags'>
/** How a resource's routes are called by default: `bearer(…)`, `candidateLink` or `noCredential`. */
type Access = Pick<RouteConfig, 'security' | 'middleware'> & { 'x-credentials'?: string[] }

/** A query may carry the publishable key (`?key=`) beside the route's own parameters. */
function withKeyParam<D extends Declaration>(declaration: D): D {
  const query = declaration.request?.query
  if (!query) return declaration
  return { ...declaration, request: { ...declaration.request, query: ignoringKeyParam(query) } }
}

/**
 * The routes of one resource: each is declared by method and path, grouped under the resource's
 * tag in the document, and takes the resource's credentials unless its declaration names others.
 */
export function resource(tag: string, access: Access) {
  const method =
    <M extends RouteConfig['method']>(method: M) =>
    <P extends string, D extends Declaration>(path: P, declaration: D) =>
      apiRoute({ tags: [tag], ...access, ...withKeyParam(declaration), method, path })
  return {
    get: method('get'),
    post: method('post'),
    put: method('put'),
    patch: method('patch'),
    delete: method('delete'),
  }
}

/** A required request body of this media type. */
const body =
  <T extends string>(type: T) =>
  <S extends z.ZodType>(schema: S) => ({
    required: true as const,
    content: { [type]: { schema } } as Record<T, { schema: S }>,
  })

export const jsonBody = body('application/json')
export const formBody = body('application/x-www-form-urlencoded')

/** The candidate's link pages and calls: the token in the path is the credential. */
export const candidateLinkRoutes = resource('Candidate links', candidateLink)
