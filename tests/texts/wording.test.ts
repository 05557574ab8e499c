import { describe, expect, it } from 'vitest'
import { linkTokenSlot } from '../../worker/services/coaching-links'
import { countSegments, isGsm7 } from '../../worker/sms/segments'
import { composeText, segmentsOfText } from '../../worker/sms/text'
import { catalogs, languages } from '../../worker/i18n'

describe('SMS segments', () => {
  it('counts GSM-7: 160 in one, 153 in each of several', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0 })
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(countSegments('a'.repeat(161)).segments).toBe(2)
    expect(countSegments('a'.repeat(306)).segments).toBe(2)
    expect(countSegments('a'.repeat(307)).segments).toBe(3)
    // accents of the GSM alphabet stay GSM-7
    expect(countSegments('Café Zürich, Señor Ågren').encoding).toBe('GSM-7')
  })

  it('counts the extension table as two, never split across segments', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(countSegments('{}[]~|^\\€'.slice(0, 9)).units).toBe(18)
    // 81 euro signs: 162 septets; 76 pairs fit in 153, so three segments' worth would not be needed
    expect(countSegments('€'.repeat(81)).segments).toBe(2)
    // 152 letters then a euro sign: the pair does not fit the first segment's last septet
    expect(countSegments('a'.repeat(152) + '€' + 'a'.repeat(152)).segments).toBe(3)
  })

  it('sends anything else as UCS-2: 70 in one, 67 in each of several, pairs kept whole', () => {
    expect(countSegments('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
    expect(countSegments('ł'.repeat(71)).segments).toBe(2)
    expect(countSegments('ł'.repeat(134)).segments).toBe(2)
    expect(countSegments('ł'.repeat(135)).segments).toBe(3)
    // an emoji is two UTF-16 units
    expect(countSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
    // 1 + 33 pairs = 67 fill the first segment exactly; one letter and a pair would not
    expect(countSegments('x' + '😀'.repeat(36)).segments).toBe(2)
    expect(countSegments('xy' + '😀'.repeat(66)).segments).toBe(3)
    expect(isGsm7('Reply STOP to opt out')).toBe(true)
    expect(isGsm7('Dziękujemy')).toBe(false)
  })
})

describe('the wording of texts', () => {
  const link = `https://app.followthrough.example/c/${linkTokenSlot}`

  it('names the agency, says why, gives the link and how to stop, in one GSM-7 segment', () => {
    for (const kind of ['coaching', 'reminder'] as const) {
      const text = composeText(kind, 'en', 'Northwind Careers', link)
      expect(text.startsWith('Northwind Careers: ')).toBe(true)
      expect(text).toContain(` ${link} `)
      expect(text.endsWith('Reply STOP to opt out')).toBe(true)
      expect(isGsm7(text)).toBe(true)
      expect(segmentsOfText(text)).toBe(1)
    }
    expect(composeText('coaching', 'en', 'Northwind Careers', link)).toContain(
      'a short thank-you to each interviewer helps',
    )
  })

  it('shortens a long name rather than take a second segment', () => {
    const name = 'The Extremely Long Name of a Staffing and Recruitment Agency Limited'
    const text = composeText('coaching', 'en', name, link)
    expect(text).toMatch(/^The Extremely Long.*\.\.\.: a short/)
    expect(segmentsOfText(text)).toBe(1)
    // measured with the token in place: 32 characters, not the slot's
    expect(text.replace(linkTokenSlot, 'x'.repeat(32)).length).toBeLessThanOrEqual(160)
  })

  it('spells a name outside GSM-7 without its accents, so the text stays GSM-7', () => {
    const text = composeText('reminder', 'en', 'Łódź Talent ✨', link)
    expect(text.startsWith('Lodz Talent: ')).toBe(true)
    expect(isGsm7(text)).toBe(true)
    expect(composeText('coaching', 'en', '人材', link).startsWith('Your recruiter: ')).toBe(true)
  })
})

describe('texts in the candidate language', () => {
  const link = `https://app.followthrough.example/c/${linkTokenSlot}`

  it.each(languages)('%s: its own words, the link and STOP, in one GSM-7 segment', (language) => {
    for (const kind of ['coaching', 'reminder'] as const) {
      const text = composeText(kind, language, 'Brightpath Careers', link)
      expect(isGsm7(text), text).toBe(true)
      expect(segmentsOfText(text), text).toBe(1)
      expect(text).toContain(` ${link} `)
      expect(text).toContain('STOP')
      expect(text.startsWith('Brightpath Careers')).toBe(true)
      // the catalog's wording, with only the accents GSM-7 lacks taken off
      const words = catalogs[language].sms[kind].split(/\s+/).slice(1, 4).join(' ')
      expect(text).toContain(
        words
          .normalize('NFD')
          .replace(/[\u0301\u0328\u0307\u0303]/g, '')
          .replace('ł', 'l'),
      )
    }
  })

  it('writes Spanish and Polish without the accents a text cannot carry', () => {
    expect(composeText('reminder', 'es', 'Vida Empleo', link)).toContain('aun puedes agradecer')
    expect(composeText('coaching', 'pl', 'Wrzos', link)).toContain('krotkie podziekowanie')
  })
})
