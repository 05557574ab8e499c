import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { buildOpenApiDocument } from '../openapi/document'

let cached: ReturnType<typeof buildOpenApiDocument> | undefined

export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) => {
  cached ??= buildOpenApiDocument(c.var.config.publicUrl ?? undefined)
  c.header('Access-Control-Allow-Origin', '*')
  return c.json(cached)
})
