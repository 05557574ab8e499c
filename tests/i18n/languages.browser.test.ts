import path from 'node:path'
import axe from 'axe-core'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { catalogs, languages } from '../../worker/i18n'
import { coachedInterview } from '../candidate/helpers'
import { artifactsDir, describeInBrowser, launchBrowser } from '../support/browser'
import { createAgency, type TestAgency } from '../support/factories'
import { resendBindings, startFakeResend, type FakeResend } from '../support/fake-resend'
import { startHarness, type Harness } from '../support/harness'

describeInBrowser('the candidate page in each language, on a phone', () => {
  let h: Harness
  let fake: FakeResend
  let agency: TestAgency
  let browser: Browser
  beforeAll(async () => {
    fake = await startFakeResend()
    h = await startHarness(resendBindings(fake))
    agency = await createAgency(h, { name: 'Brightpath Careers', timeZone: 'Europe/Berlin' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await h?.close()
    await fake?.close()
  })

  it.each(languages)(
    '%s: fits 390 px without sideways scrolling, with no axe violation',
    async (language) => {
      // long words are the test: German compounds in a job title and a company, too
      const { path: link } = await coachedInterview(h, fake, agency, {
        candidate: { name: 'Zofia Kowalczyk', email: `${language}@example.com`, language },
        noteLanguage: language,
        roleTitle: 'Qualitätssicherungsingenieurin',
        clientCompany: 'Donaudampfschifffahrtsgesellschaft',
      })
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: language,
      })
      try {
        const page = await context.newPage()
        await page.goto(h.baseUrl + link)
        await page.locator('[data-copy]:not([hidden])').first().waitFor()
        expect(await page.getAttribute('html', 'lang')).toBe(catalogs[language].meta.locale)
        await expect.poll(() => page.locator('h1').textContent()).toContain('Zofia')
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          view: window.innerWidth,
          // any element sticking out of the viewport, by its text
          out: [...document.querySelectorAll<HTMLElement>('main *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .map((el) => `${el.tagName} ${el.textContent?.slice(0, 40)}`),
        }))
        expect(widths.out, `${language}: elements past the edge`).toEqual([])
        expect(widths.page, language).toBeLessThanOrEqual(widths.view)
        // the first screen, what the candidate sees on opening the link
        await page.screenshot({
          path: path.join(artifactsDir, `candidate-page-${language}-390.png`),
        })
        await page.evaluate(axe.source)
        const results: axe.AxeResults = await page.evaluate(() => (window as any).axe.run())
        const found = results.violations.map(
          (v) => `${v.id}/${v.impact}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        )
        expect(found, language).toEqual([])
      } finally {
        await context.close()
      }
    },
  )
})
