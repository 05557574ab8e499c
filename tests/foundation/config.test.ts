import { describe, expect, it, vi } from 'vitest'
import { configOf, ConfigError } from '../../worker/config'
import type { Env } from '../../worker/env'
import { createAgency, runCron } from '../support/factories'
import { ADMIN_TOKEN, productionBindings, testBindings } from '../support/harness'
import { useHarness } from '../support/lifecycle'

const base = { ...testBindings, DATABASE_URL: 'postgres://db.example/app' } as Env

describe('production can silently stop sending', () => {
  describe('the configuration, parsed once', () => {
    it('names every missing production setting, and capture never exists in production', () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      const missing = { ...base, ENVIRONMENT: 'production' } as Env
      expect(() => configOf(missing)).toThrow(ConfigError)
      const message = (() => {
        try {
          configOf(missing)
        } catch (err) {
          return (err as Error).message
        }
      })()
      for (const name of ['RESEND_API_KEY', 'RESEND_WEBHOOK_SECRET', 'EMAIL_FROM']) {
        expect(message).toContain(name)
      }
      // logged once per bindings object, naming the setting
      expect(error).toHaveBeenCalledTimes(1)
      expect(String(error.mock.calls[0]![0])).toContain('RESEND_API_KEY is required in production')
      error.mockRestore()

      const complete = configOf({ ...base, ...productionBindings } as Env)
      expect(complete.email.mode).toBe('resend')
      // no ENVIRONMENT at all means production, not a quiet local mode
      vi.spyOn(console, 'error').mockImplementation(() => {})
      const { ENVIRONMENT: _, ...unset } = base
      expect(() => configOf(unset as Env)).toThrow(/RESEND_API_KEY/)
      vi.restoreAllMocks()
    })

    it('captures mail only in development and tests', () => {
      expect(configOf({ ...base } as Env).email.mode).toBe('capture')
      expect(configOf({ ...base, ENVIRONMENT: 'development' } as Env).email.mode).toBe('capture')
    })

    it('refuses short secrets and unknown environments', () => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      expect(() => configOf({ ...base, SESSION_SECRET: 'short' } as Env)).toThrow(/SESSION_SECRET/)
      expect(() => configOf({ ...base, LINK_SECRET: undefined } as Env)).toThrow(/LINK_SECRET/)
      expect(() => configOf({ ...base, ENVIRONMENT: 'staging' } as Env)).toThrow(/ENVIRONMENT/)
      vi.restoreAllMocks()
    })
  })

  describe('a production worker without RESEND_API_KEY', () => {
    const h = useHarness({ ...productionBindings, RESEND_API_KEY: '' })

    it('answers 503 on /health and every route, and sends nothing', async () => {
      const health = await h.request('GET', '/health')
      expect(health.status).toBe(503)
      expect(health.body.error.code).toBe('unavailable')
      expect(health.text).not.toMatch(/RESEND|secret/i)
      const created = await h.request('POST', '/v1/agencies', {
        token: ADMIN_TOKEN,
        json: { name: 'Never Created' },
      })
      expect(created.status).toBe(503)
      expect((await h.request('GET', '/openapi.json')).status).toBe(503)
      await runCron(h, new Date())
      expect(await h.db.selectFrom('agencies').select('id').execute()).toEqual([])
    })
  })

  describe('a complete production configuration', () => {
    const h = useHarness(productionBindings)

    it('serves', async () => {
      expect((await h.request('GET', '/health')).status).toBe(200)
      await createAgency(h)
    })
  })
})
