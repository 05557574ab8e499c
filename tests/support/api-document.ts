import { createApp } from '../../worker/app'
import type { PrincipalKind } from '../../worker/env'
import { openApiDocument } from '../../worker/openapi/document'

export interface JsonSchema {
  type?: string
  format?: string
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

export interface DocumentedOperation {
  /** lower case, as in the document */
  method: string
  /** as in the document: /v1/keys/{id} */
  path: string
  /** the bearer credentials the route takes (its `x-credentials`); none for links and public routes */
  credentials: PrincipalKind[]
  /** a candidate link: the token in the path is the credential */
  link: boolean
  /** a signed delivery from another system: the signature over its body is the credential */
  signature: boolean
  /** the request body's media type and schema, as the document gives them */
  body?: { type: string; schema: JsonSchema }
}

interface Operation {
  security?: Record<string, string[]>[]
  'x-credentials'?: string[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

/**
 * Every operation of the API document, generated from the app's routes as /openapi.json is: the
 * registry the shared auth suite and the cross-tenant suite both walk.
 */
export const documentedOperations: DocumentedOperation[] = Object.entries(
  openApiDocument(createApp(), null).paths as Record<string, Record<string, Operation>>,
).flatMap(([path, operations]) =>
  Object.entries(operations).map(([method, operation]) => {
    const named = operation['x-credentials'] ?? []
    const bearer = (operation.security ?? []).length > 0
    const [type, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? []
    return {
      method,
      path,
      credentials: bearer ? (named as PrincipalKind[]) : [],
      link: named.includes('link'),
      signature: named.includes('signature'),
      body: type && media ? { type, schema: media.schema } : undefined,
    }
  }),
)
