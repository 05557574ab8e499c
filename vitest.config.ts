import { defineConfig } from 'vitest/config'

const load = 'tests/faults/load.test.ts'
// CI's real-Postgres pass (ENGINE_TESTS_ONLY=1) leaves out what does not depend on a server
// (connections, concurrency), which the embedded pass runs: the browser tests, the fakes'
// self-tests, the fuzzing of request validation, the coaching status's 672 combinations (one
// SQL expression, the same Postgres either way), the languages' rendering, the API document, the
// rate limits (Cloudflare's binding, not the database), the email templates, the widget's bundle
// and its key in the query, the configuration, the browser-origin checks, the fake Resend's
// self-test, the texts' wording and the Twilio signature, the stats' calendar arithmetic
const engineIndependent = process.env.ENGINE_TESTS_ONLY
  ? [
      'tests/**/*.browser.test.ts',
      'tests/fakes/**',
      'tests/security/fuzz.test.ts',
      'tests/coaching/coaching-status.test.ts',
      'tests/i18n/**',
      'tests/foundation/openapi.test.ts',
      'tests/foundation/rate-limit.test.ts',
      'tests/email/templates.test.ts',
      'tests/widget/bundle-size.test.ts',
      'tests/widget/key-in-query.test.ts',
      'tests/foundation/config.test.ts',
      'tests/foundation/browser-access.test.ts',
      'tests/email/fake-resend.test.ts',
      'tests/texts/wording.test.ts',
      'tests/texts/signature.test.ts',
      'tests/stats/stats-range.test.ts',
    ]
  : []

export default defineConfig({
  test: {
    // the tests run the built worker: refuse a build older than the sources
    globalSetup: ['tests/support/fresh-build.ts'],
    pool: 'forks',
    // two cores: two test files at a time, each with its own database and workerd
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // a page or the database may take a few seconds to catch up on a busy machine
    expect: { poll: { timeout: 10_000, interval: 50 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['tests/**/*.test.ts'],
          exclude: [load, 'tests/bench/**', 'node_modules/**', ...engineIndependent],
        },
      },
      // the load test measures the worker, not its neighbours: it runs alone, after the rest
      { extends: true, test: { name: 'load', include: [load], sequence: { groupOrder: 1 } } },
    ],
  },
})
