import { z } from 'zod'
import { agenciesDocs } from '../routes/agencies'
import { agencyDocs } from '../routes/agency'
import { candidatePageDocs } from '../routes/candidate-page'
import { erasureDocs } from '../routes/erasure'
import { healthDocs } from '../routes/health'
import { interviewsDocs } from '../routes/interviews'
import { keysDocs } from '../routes/keys'
import { recruitersDocs } from '../routes/recruiters'
import { sessionsDocs } from '../routes/sessions'
import { statsDocs } from '../routes/stats'
import { unsubscribeDocs } from '../routes/unsubscribe'
import { bodyLimits } from '../middleware/body-limit'
import { errorBody } from '../schemas/common'
import type { RouteDoc } from './registry'

export const routeDocs: RouteDoc[] = [
  ...healthDocs,
  ...agenciesDocs,
  ...agencyDocs,
  ...keysDocs,
  ...sessionsDocs,
  ...recruitersDocs,
  ...interviewsDocs,
  ...erasureDocs,
  ...statsDocs,
  ...candidatePageDocs,
  ...unsubscribeDocs,
]

type JsonSchema = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' })
  return rest
}

const linkTokenDescription =
  "The candidate's link token, from their coaching email. It is the whole credential: no Authorization header is sent, and unknown, expired and erased links all answer 404."

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', linkParam?: string) {
  if (!(schema instanceof z.ZodObject)) return []
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    ...(name === linkParam ? { description: linkTokenDescription } : {}),
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: jsonSchema(field, 'input'),
  }))
}

const errorRef = { $ref: '#/components/schemas/Error' }
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorRef } },
})

function notFoundResponse(doc: RouteDoc) {
  if (!doc.link) return errorResponse('not_found: no such resource for this caller.')
  const content: Record<string, unknown> = {}
  if (doc.link.notFound === 'page') content['text/html'] = { schema: { type: 'string' } }
  // an id beside the token that names nothing of the link's interview is an ordinary JSON 404
  const idsBesideToken = parametersOf(doc.params, 'path').length > 1
  if (doc.link.notFound === 'json' || idsBesideToken) {
    content['application/json'] = { schema: errorRef }
  }
  return {
    description:
      'not_found: the link does not work (unknown, expired, or its candidate erased), or names nothing of its interview.',
    content,
  }
}

function operationOf(doc: RouteDoc) {
  const responses: Record<string, unknown> = {
    [doc.success.status]: {
      description: doc.success.description,
      ...(doc.success.schema
        ? {
            content: {
              [doc.success.contentType ?? 'application/json']: {
                schema: jsonSchema(doc.success.schema, 'output'),
              },
            },
          }
        : {}),
    },
    '400': errorResponse('validation_failed: the request is not valid; details name each field.'),
    '404': notFoundResponse(doc),
    '500': errorResponse('internal: something failed on our side; the body holds no details.'),
  }
  if (doc.auth.length) {
    responses['401'] = errorResponse(
      'unauthorized: no credential, or not valid, revoked or expired.',
    )
    responses['403'] = errorResponse('forbidden: this credential may not do this.')
  }
  if (doc.body) {
    responses['413'] = errorResponse(
      `payload_too_large: the body is over ${(doc.link ? bodyLimits.link : bodyLimits.api) / 1024} KB.`,
    )
    // only /v1 insists on JSON; a candidate link's body of another type fails validation (400)
    if (!doc.link) {
      responses['415'] = errorResponse('unsupported_media_type: the body is not JSON.')
    }
  }
  if (doc.sendsMail) {
    responses['429'] = errorResponse(
      "quota_exceeded: the agency's daily or the recruiter's hourly send quota is used up; Retry-After gives the seconds until its window frees.",
    )
  }
  if (doc.idempotent)
    responses['409'] = errorResponse('conflict: Idempotency-Key reused with another body.')
  const parameters = [
    ...parametersOf(doc.params, 'path', doc.link?.param),
    ...parametersOf(doc.query, 'query'),
  ]
  if (doc.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header' as never,
      required: false,
      schema: { type: 'string', maxLength: 255 },
    })
  }
  return {
    summary: doc.summary,
    tags: [doc.tag],
    operationId: `${doc.method}${doc.path.replace(/\/:?(\w)/g, (_, ch: string) => ch.toUpperCase()).replace(/\W/g, '')}`,
    ...(doc.auth.length
      ? { security: [{ bearer: [] }], 'x-credentials': doc.auth }
      : { security: [], ...(doc.link ? { 'x-credentials': ['link'] } : {}) }),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: {
              [doc.bodyType ?? 'application/json']: { schema: jsonSchema(doc.body, 'input') },
            },
          },
        }
      : {}),
    responses,
  }
}

export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const doc of routeDocs) {
    const path = doc.path.replace(/:(\w+)/g, '{$1}')
    paths[path] = { ...paths[path], [doc.method]: operationOf(doc) }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Followthrough API',
      version: '1.0.0',
      description:
        'Thank-you note coaching for staffing agencies. Errors share one shape; every response carries X-Request-Id.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBody, 'output') },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The admin token, a secret key (ft_sk_…) or a recruiter session (ft_ses_…); x-credentials names which a route takes. From a browser, also send the publishable key (X-Followthrough-Key or ?key=).',
        },
      },
    },
  }
}
