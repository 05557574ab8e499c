import { zValidator } from '@hono/zod-validator'
import { z } from 'zod'
import { ApiError, type ErrorDetail } from './errors'

type Target = 'json' | 'query' | 'param' | 'form'

function detailsOf(error: { issues: z.core.$ZodIssue[] }): ErrorDetail[] {
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

/**
 * zod validation for one part of the request. A failure is a 400 `validation_failed` listing
 * every bad field; a bad path parameter is a 404, since no such resource can exist.
 */
export function validate<T extends Target, S extends z.ZodType>(target: T, schema: S) {
  // A browser sends the publishable key as `?key=` (so the CORS preflight carries it too);
  // browserAccess has read it, and no route's strict query schema lists it.
  const checked = (
    target === 'query'
      ? z.preprocess((query) => {
          const { key: _, ...rest } = query as Record<string, unknown>
          return rest
        }, schema)
      : schema
  ) as S // the same output either way
  return zValidator(target, checked, (result) => {
    if (result.success) return
    if (target === 'param') throw new ApiError('not_found', 'Not found.')
    const where = target === 'json' ? 'body' : target === 'query' ? 'query string' : 'form'
    throw new ApiError(
      'validation_failed',
      `The request ${where} is not valid.`,
      detailsOf(result.error),
    )
  })
}
