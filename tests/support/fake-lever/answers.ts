import { AnswerError, type FakeAnswer, type FakeCall } from '../fake-ats/server'

// Lever's list pages and error answers, shared by the fake's routes.

/** `{ data, hasNext, next }`, paged with `limit` (1–100) and the opaque `offset` from `next` */
export function listPage<T>(call: FakeCall, list: T[]): FakeAnswer {
  const limit = Number(call.query.get('limit') ?? 100)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw badRequest('limit must be an integer from 1 to 100')
  }
  const offsetParam = call.query.get('offset')
  const start = offsetParam ? Number(Buffer.from(offsetParam, 'base64url').toString()) : 0
  if (!Number.isInteger(start) || start < 0) throw badRequest('Invalid offset')
  const end = start + limit
  const hasNext = end < list.length
  const body: { data: T[]; hasNext: boolean; next?: string } = {
    data: list.slice(start, end),
    hasNext,
  }
  if (hasNext) body.next = Buffer.from(String(end)).toString('base64url')
  return { status: 200, body }
}

export function notFound(kind: string, id: string) {
  return new AnswerError({
    status: 404,
    body: { code: 'NotFoundError', message: `That ${kind} (${id}) doesn't exist on your account` },
  })
}

export function badRequest(message: string) {
  return new AnswerError({ status: 400, body: { code: 'BadRequestError', message } })
}
