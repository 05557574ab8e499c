import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../errors'

/**
 * The largest body each surface takes: the API, a candidate link's forms and autosaves, and a
 * provider's webhook events.
 */
export const bodyLimits = { api: 64 * 1024, link: 16 * 1024, webhook: 256 * 1024 }

export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('payload_too_large', `The body is larger than ${maxSize / 1024} KB.`)
    },
  })
