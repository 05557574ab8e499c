import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

/** Local development's own pages: in any other environment they are routes that do not exist. */
export const developmentOnly = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.config.environment !== 'development') return c.notFound()
    await next()
  })
