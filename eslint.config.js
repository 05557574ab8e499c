// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', '.data/', 'worker/env.generated.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // unused names are errors, except a deliberate `_` prefix
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // `as never` hides a type error instead of fixing it
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSNeverKeyword',
          message: 'Fix the type instead of casting to never.',
        },
      ],
    },
  },
  {
    // The Worker runs in workerd: no DOM and no Node globals (Preact's types bring the DOM's into
    // the worker's typecheck, so they are refused here as well).
    files: ['worker/**'],
    ignores: ['worker/dev/**', 'worker/cli/**', 'worker/build.ts', 'worker/pages/*.client.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['document', 'window', 'localStorage', 'navigator', 'process', 'Buffer'].map((name) => ({
          name,
          message: 'The worker runs in workerd: read settings from c.var.config.',
        })),
      ],
    },
  },
  {
    // migrations take Kysely<any>: they describe the schema at their own moment, not today's
    files: ['db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // tests read loosely shaped JSON bodies and stand in for clients
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': 'off',
    },
  },
)
