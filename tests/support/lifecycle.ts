import { afterAll, afterEach, beforeAll } from 'vitest'
import { createAgency, type TestAgency } from './factories'
import { startFakeResend, type FakeResend } from './fake-resend'
import { startHarness, type Harness, type HarnessOptions } from './harness'
import { startReceiver, type Receiver } from './receiver'

/**
 * Something a test file makes once before its tests and releases after them, usable by name from
 * the start: the stand-in returned here reaches the real thing once `beforeAll` has made it.
 * Hooks run in the order they are declared, so one may be made from another.
 */
export function forThisFile<T extends object>(
  make: () => Promise<T>,
  release?: (value: T) => Promise<unknown> | unknown,
): T {
  let current: T | undefined
  beforeAll(async () => {
    current = await make()
  })
  afterAll(async () => {
    if (current && release) await release(current)
  })
  return new Proxy({} as T, {
    get(_target, key) {
      if (!current) throw new Error(`${String(key)} was used before beforeAll made it`)
      const value = Reflect.get(current, key)
      return typeof value === 'function' ? value.bind(current) : value
    },
  })
}

/** The file's worker and database; bindings may be computed once earlier hooks have run. */
export function useHarness(
  bindings: Record<string, string> | (() => Record<string, string>) = {},
  options: HarnessOptions = {},
): Harness {
  return forThisFile(
    () => startHarness(typeof bindings === 'function' ? bindings() : bindings, options),
    (h) => h.close(),
  )
}

/** The file's fake Resend server. */
export function useFakeResend(): FakeResend {
  return forThisFile(startFakeResend, (fake) => fake.close())
}

/** An agency made once for the file. */
export function useAgency(h: Harness, overrides: Record<string, unknown> = {}): TestAgency {
  return forThisFile(() => createAgency(h, overrides))
}

/** The file's loopback webhook receiver, emptied after each test. */
export function useReceiver(): Receiver {
  const receiver = forThisFile(startReceiver, (r) => r.close())
  afterEach(() => receiver.clear())
  return receiver
}

/** A fake ATS started once for the file and reset after each test, with a receiver for its webhooks. */
export function useFakeAndReceiver<T extends { reset(): void; close(): Promise<unknown> }>(
  start: () => Promise<T>,
): [T, Receiver] {
  const fake = forThisFile(start, (f) => f.close())
  afterEach(() => fake.reset())
  return [fake, useReceiver()]
}
