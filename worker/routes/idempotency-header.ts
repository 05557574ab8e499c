import type { Context } from 'hono'
import { ApiError } from '../errors'

const acceptable = /^[\x21-\x7e]{1,255}$/

/** A create's route takes this header; replays and conflicts follow from it. */
export const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  schema: { type: 'string' as const, maxLength: 255 },
}

/** The Idempotency-Key of a create request, if it sent one. */
export function idempotencyKey(c: Context): string | undefined {
  const key = c.req.header('idempotency-key')
  if (key === undefined) return undefined
  if (!acceptable.test(key)) {
    throw new ApiError('validation_failed', 'The Idempotency-Key header is not valid.', [
      {
        path: 'Idempotency-Key',
        message: 'Use 1 to 255 visible ASCII characters, such as a UUID.',
      },
    ])
  }
  return key
}
