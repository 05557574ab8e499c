export const errorStatus = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  quota_exceeded: 429,
  internal: 500,
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export interface ErrorDetail {
  path: string
  message: string
}

/** The one error type of the API: its status follows from its code. */
export class ApiError extends Error {
  readonly status: (typeof errorStatus)[ErrorCode]

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = errorStatus[code]
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found.`)
