import type { z } from 'zod'
import type { PrincipalKind } from '../env'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface RouteDoc {
  method: Method
  /** Hono syntax: /v1/keys/:id */
  path: string
  summary: string
  /** who may call it with a bearer credential; empty for public routes and candidate links */
  auth: PrincipalKind[]
  /**
   * A candidate link: the token in this path parameter is the whole credential. A link that does
   * not work (unknown, expired, its candidate erased) is answered with an HTML page or a JSON 404.
   */
  link?: { param: string; notFound: 'page' | 'json' }
  tag: string
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  /** how the body is sent; JSON unless said */
  bodyType?: 'application/json' | 'application/x-www-form-urlencoded'
  /** accepts Idempotency-Key */
  idempotent?: boolean
  /** queues a coaching email, so it may answer 429 quota_exceeded */
  sendsMail?: boolean
  /** success status and body; errors are documented for every route */
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string }
}

/** What every candidate-link route's doc shares: no bearer credential, the path's token is one. */
export function linkRoute(notFound: 'page' | 'json') {
  return {
    auth: [] as PrincipalKind[],
    link: { param: 'token', notFound },
    tag: 'Candidate links',
  }
}
