import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { describeInBrowser, launchBrowser } from '../support/browser'
import { startHarness, type Harness } from '../support/harness'

describeInBrowser('Chromium reaches the worker', () => {
  let h: Harness
  let browser: Browser
  beforeAll(async () => {
    h = await startHarness()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await h?.close()
  })

  it('loads the health endpoint in a real page', async () => {
    const page = await browser.newPage()
    const res = await page.goto(`${h.baseUrl}/health`)
    expect(res?.status()).toBe(200)
    expect(await page.textContent('body')).toContain('"db":"up"')
  })
})
