import type { z } from 'zod'
import type { PrincipalKind } from '../env'

export type Method = 'get' | 'post' | 'patch' | 'delete'

export interface RouteDoc {
  method: Method
  /** Hono syntax: /v1/keys/:id */
  path: string
  summary: string
  /** who may call it; empty for public routes */
  auth: PrincipalKind[]
  tag: string
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  /** accepts Idempotency-Key */
  idempotent?: boolean
  /** success status and body; errors are documented for every route */
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string }
}
