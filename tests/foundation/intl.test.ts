import { describe, expect, it } from 'vitest'
import { dateTimeFormat, knowsTimeZone, pluralRules } from '../../worker/lib/intl'

describe('the Intl formatters kept for the isolate (worker/lib/intl.ts)', () => {
  it('makes each formatter once per locale and options, and formats as a new one would', () => {
    const options = { timeZone: 'Europe/Berlin', hour: 'numeric', minute: '2-digit' } as const
    const kept = dateTimeFormat('de-DE', options)
    expect(dateTimeFormat('de-DE', { ...options })).toBe(kept)
    expect(dateTimeFormat('en-GB', options)).not.toBe(kept)
    expect(dateTimeFormat('de-DE', { ...options, timeZone: 'UTC' })).not.toBe(kept)
    const at = new Date('2026-11-30T12:05:00Z')
    expect(kept.format(at)).toBe(new Intl.DateTimeFormat('de-DE', options).format(at))
    expect(pluralRules('pl')).toBe(pluralRules('pl'))
    expect(pluralRules('pl').select(5)).toBe('many')
  })

  it('throws for a zone Intl does not know, as the constructor does, and keeps nothing for it', () => {
    expect(() => dateTimeFormat('en-US', { timeZone: 'Mars/Olympus' })).toThrow(RangeError)
    expect(knowsTimeZone('Mars/Olympus')).toBe(false)
    expect(knowsTimeZone('America/Sao_Paulo')).toBe(true)
    expect(knowsTimeZone('UTC')).toBe(true)
  })

  it('stays bounded however many keys it is asked for', () => {
    const first = dateTimeFormat('en-US', { timeZone: 'UTC', second: 'numeric' })
    // 1,000 kept at most: past that the store starts again, and a key is made anew
    const zones = Intl.supportedValuesOf('timeZone').slice(0, 400)
    for (const timeZone of zones) {
      for (const style of ['short', 'long', 'shortGeneric'] as const) {
        dateTimeFormat('en-US', { timeZone, timeZoneName: style })
      }
    }
    expect(dateTimeFormat('en-US', { timeZone: 'UTC', second: 'numeric' })).not.toBe(first)
  })
})
