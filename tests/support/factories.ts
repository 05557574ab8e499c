import { expect } from 'vitest'
import { ADMIN_TOKEN, type Harness } from './harness'

let counter = 0

export interface TestAgency {
  id: string
  secretKey: string
  publishableKey: string
}

export async function createAgency(
  h: Harness,
  overrides: Record<string, unknown> = {},
): Promise<TestAgency> {
  counter += 1
  const res = await h.request('POST', '/v1/agencies', {
    token: ADMIN_TOKEN,
    json: { name: `Agency ${counter}`, ...overrides },
  })
  expect(res.status, res.text).toBe(201)
  return {
    id: res.body.agency.id,
    secretKey: res.body.secretKey.key,
    publishableKey: res.body.publishableKey.key,
  }
}

export async function createSession(
  h: Harness,
  agency: TestAgency,
  recruiter: { externalId?: string; name?: string; role?: 'recruiter' | 'manager' } = {},
): Promise<{ token: string; recruiterId: string }> {
  counter += 1
  const res = await h.request('POST', '/v1/sessions', {
    token: agency.secretKey,
    json: {
      recruiter: {
        externalId: recruiter.externalId ?? `rec-${counter}`,
        name: recruiter.name ?? `Recruiter ${counter}`,
        role: recruiter.role ?? 'recruiter',
      },
    },
  })
  expect(res.status, res.text).toBe(201)
  return { token: res.body.token, recruiterId: res.body.recruiter.id }
}
