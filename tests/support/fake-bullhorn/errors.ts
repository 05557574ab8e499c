import { AnswerError } from '../fake-ats/server'

/** Bullhorn's error body (seen in captured responses; the docs list the statuses only) */
export interface BullhornErrorBody {
  errorMessage: string
  errorMessageKey: string
  errorCode: number
}

const DEFAULTS: Record<number, [string, string]> = {
  400: ['errors.badRequest', 'Bad request'],
  401: ['errors.authentication.invalidRestToken', "Bad 'BhRestToken' or timed-out."],
  403: ['errors.authorization', 'Not authorized'],
  404: ['errors.notFound', 'Not found'],
  412: ['errors.authentication.missingRestToken', "Missing 'BhRestToken'."],
  429: ['errors.tooManyRequests', 'Too many requests. Wait 1 second then retry.'],
  503: ['errors.serviceUnavailable', 'Service unavailable'],
}

export function bullhornErrorBody(status: number, message?: string): BullhornErrorBody {
  const [key, text] = DEFAULTS[status] ?? ['errors.internalError', 'Internal server error']
  return { errorMessage: message ?? text, errorMessageKey: key, errorCode: status }
}

export function bullhornError(status: number, message?: string, key?: string): AnswerError {
  const body = bullhornErrorBody(status, message)
  if (key) body.errorMessageKey = key
  return new AnswerError({ status, body })
}
