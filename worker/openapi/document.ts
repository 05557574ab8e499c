import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env'

/** postV1KeysId for `post /v1/keys/{id}`: a stable name for client generators. */
function operationIdOf(method: string, path: string): string {
  const words = path.replace(/\/\{?(\w)/g, (_, ch: string) => ch.toUpperCase())
  return `${method}${words.replace(/\W/g, '')}`
}

/** The API document, generated from the routes the app serves. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, serverUrl: string | null) {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Followthrough API',
      version: '1.0.0',
      description:
        'Thank-you note coaching for staffing agencies. Errors share one shape; every response carries X-Request-Id.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
  })
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method]
      if (operation) operation.operationId ??= operationIdOf(method, path)
    }
  }
  return document
}
