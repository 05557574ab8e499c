import type { Hook } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from './env'
import { ApiError, type ErrorDetail } from './errors'

export function detailsOf(error: { issues: z.core.$ZodIssue[] }): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: 'Unknown field.',
      }))
    }
    return [{ path, message: issue.message }]
  })
}

const partNames = {
  json: 'body',
  form: 'form',
  query: 'query string',
  header: 'headers',
  cookie: 'cookies',
} as const

/**
 * What a route's zod validation failure answers: a 400 `validation_failed` listing every bad
 * field; a bad path parameter is a 404, since no such resource can exist.
 */
export const rejectInvalidInput: Hook<unknown, AppEnv, string, void> = (result) => {
  if (result.success) return
  if (result.target === 'param') throw new ApiError('not_found', 'Not found.')
  const part = partNames[result.target as keyof typeof partNames] ?? 'input'
  throw new ApiError(
    'validation_failed',
    `The request ${part} is not valid.`,
    detailsOf(result.error),
  )
}

/**
 * A query schema that lets the publishable key ride along: a browser sends it as `?key=` (so the
 * CORS preflight carries it too), browserAccess has read it, and no strict query schema lists it.
 */
export function ignoringKeyParam<S extends z.ZodType>(
  schema: S,
): z.ZodPipe<z.core.$ZodTransform<unknown, unknown>, S> {
  return z.preprocess((query) => {
    const { key: _, ...rest } = query as Record<string, unknown>
    return rest
  }, schema)
}
