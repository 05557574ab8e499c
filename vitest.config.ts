import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    // the tests run the built worker: refuse a build older than the sources
    globalSetup: ['tests/support/fresh-build.ts'],
    pool: 'forks',
    // two cores: two test files at a time, each with its own database and workerd
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
