import { expect } from 'vitest'
import type { TestAgency } from './factories'
import {
  greenhouseJson,
  greenhousePayloads,
  greenhouseSignature,
  startFakeGreenhouse,
  type FakeGreenhouse,
  type InterviewInput,
  type GreenhouseUser,
} from './fake-greenhouse'
import type { Harness } from './harness'
import type { TestIntegration } from './integrations'
import { forThisFile } from './lifecycle'

// An agency on Greenhouse: the fake Harvest API the worker reads, and the web hooks Greenhouse
// sends to the integration, signed with the secret the agency pasted into Greenhouse.

export function useFakeGreenhouse(): FakeGreenhouse {
  return forThisFile(
    () => startFakeGreenhouse(),
    (fake) => fake.close(),
  )
}

export const greenhouseBindings = (fake: FakeGreenhouse) => ({
  PROVIDER_URLS: JSON.stringify({ greenhouse: fake.harvestUrl }),
})

/** The Harvest v3 client credentials the agency pastes in, acting as `user`. */
export const greenhouseCredentials = (fake: FakeGreenhouse, user?: GreenhouseUser) => ({
  clientId: fake.clientId,
  clientSecret: fake.clientSecret,
  ...(user ? { userId: String(user.id) } : {}),
})

export interface GreenhouseWorld {
  integration: TestIntegration
  /** the Greenhouse user the notes are written as */
  writer: GreenhouseUser
}

export async function createGreenhouseIntegration(
  h: Harness,
  agency: TestAgency,
  fake: FakeGreenhouse,
  settings: Record<string, unknown> = { clientCompany: 'Initech' },
): Promise<GreenhouseWorld> {
  const writer = fake.addUser({ first_name: 'Followthrough', last_name: 'Integration' })
  const res = await h.request('POST', '/v1/integrations', {
    token: agency.secretKey,
    json: {
      provider: 'greenhouse',
      credentials: greenhouseCredentials(fake, writer),
      settings,
    },
  })
  expect(res.status, res.text).toBe(201)
  return { integration: { id: res.body.id, signingSecret: res.body.signingSecret }, writer }
}

/** POSTs a web hook as Greenhouse does; `eventId` is the Greenhouse-Event-ID (a new one by default). */
export function deliverGreenhouse(
  h: Harness,
  integration: TestIntegration,
  action: string,
  payload: unknown,
  options: { eventId?: string; signature?: string | null } = {},
) {
  const body = greenhouseJson({ action, payload })
  const signature =
    options.signature === undefined
      ? greenhouseSignature(integration.signingSecret, body)
      : options.signature
  return h.request('POST', `/integrations/${integration.id}/events`, {
    rawBody: body,
    headers: {
      'content-type': 'application/json',
      'greenhouse-event-id': options.eventId ?? crypto.randomUUID(),
      ...(signature === null ? {} : { signature }),
    },
  })
}

let counter = 0

/** A candidate with an application and one interview scheduled in the fake, `startsAt` for `minutes`. */
export function scheduleInGreenhouse(
  fake: FakeGreenhouse,
  startsAt: Date,
  options: {
    minutes?: number
    email?: string | null
    overrides?: InterviewInput
  } = {},
) {
  counter += 1
  const first = 'Kate'
  const last = `Austen${counter}`
  const email = options.email === undefined ? `kate.austen${counter}@example.com` : options.email
  const candidate = fake.addCandidate({
    first_name: first,
    last_name: last,
    email_addresses: email ? [{ value: email, type: 'personal' }] : [],
  })
  const application = fake.addApplication(candidate.id)
  const end = new Date(startsAt.getTime() + (options.minutes ?? 45) * 60_000)
  const interview = fake.addScheduledInterview(application.id, {
    starts_at: startsAt.toISOString(),
    ends_at: end.toISOString(),
    ...options.overrides,
  })
  const person = {
    applicationId: application.id,
    candidateId: candidate.id,
    firstName: first,
    lastName: last,
  }
  const addresses = email ? [{ value: email, type: 'personal' as const }] : []
  /** the application web hooks' payload (stage change, update, new application) */
  const payload = (
    stage?: { id: number; name: string },
    status?: 'active' | 'rejected' | 'hired',
  ) => {
    const built = greenhousePayloads.candidateStageChange({ ...person, stage, status })
    built.application.candidate.email_addresses = addresses
    return built
  }
  /** hire_candidate's payload: the offer was accepted */
  const hirePayload = () => {
    const built = greenhousePayloads.hireCandidate(person)
    built.application.candidate.email_addresses = addresses
    return built
  }
  return {
    candidate,
    application,
    interview,
    email,
    name: `${first} ${last}`,
    payload,
    hirePayload,
  }
}

/** What a Greenhouse user's id is as a recruiter's external id. */
export const recruiterIdOf = (user: GreenhouseUser) => `greenhouse:${user.id}`
