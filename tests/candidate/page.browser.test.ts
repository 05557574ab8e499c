import path from 'node:path'
import axe from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { artifactsDir, describeInBrowser, launchBrowser } from '../support/browser'
import { createAgency, type TestAgency } from '../support/factories'
import { resendBindings, startFakeResend, type FakeResend } from '../support/fake-resend'
import { startHarness, type Harness } from '../support/harness'
import { catalogs, languages } from '../../worker/i18n'
import { coachedInterview } from './helpers'

describeInBrowser('the candidate page in Chromium', () => {
  let h: Harness
  let fake: FakeResend
  let agency: TestAgency
  let browser: Browser
  let context: BrowserContext | undefined
  beforeAll(async () => {
    fake = await startFakeResend()
    h = await startHarness(resendBindings(fake))
    agency = await createAgency(h, { name: 'Brightpath Careers', timeZone: 'America/New_York' })
    browser = await launchBrowser()
  })
  afterEach(async () => {
    await context?.close()
    context = undefined
  })
  afterAll(async () => {
    await browser?.close()
    await h?.close()
    await fake?.close()
  })

  /** Logs an interview and returns the page the coaching email links to, on the test worker. */
  async function linkFromEmail() {
    const coached = await coachedInterview(h, fake, agency)
    const href = coached.email.html!.match(/href="(http:\/\/followthrough\.test\/c\/[^"]+)"/)![1]!
    // PUBLIC_URL is a name no resolver knows; the path is what the candidate follows
    return { ...coached, url: h.baseUrl + new URL(href).pathname }
  }

  async function openPage(url: string, options: Parameters<Browser['newContext']>[0] = {}) {
    context = await browser.newContext({ viewport: { width: 375, height: 800 }, ...options })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(url)
    return { page, problems }
  }

  const note = (page: Page, id: string) => page.locator(`#note-${id}`)

  async function eventsOf(interviewId: string) {
    const rows = await h.db
      .selectFrom('events')
      .select(['type', 'interviewer_id'])
      .where('interview_id', '=', interviewId)
      .orderBy('id')
      .execute()
    return rows.map((r) => `${r.type}:${r.interviewer_id ?? '-'}`)
  }

  async function draftOf(interviewerId: string) {
    const row = await h.db
      .selectFrom('drafts')
      .select('body')
      .where('interviewer_id', '=', interviewerId)
      .executeTakeFirst()
    return row?.body ?? null
  }

  it('edits, copies, opens the mail app and marks sent in place; a reload keeps it all', async () => {
    const { interview, url } = await linkFromEmail()
    const [priya, tom] = interview.interviewers.map((p: { id: string }) => p.id) as string[]
    const { page, problems } = await openPage(url)
    await context!.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl })
    await expect
      .poll(() => page.locator('[data-deadline]').textContent())
      .toMatch(/\d+ h \d+ min left/)
    await page.screenshot({
      path: path.join(artifactsDir, 'candidate-page-375.png'),
      fullPage: true,
    })
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.screenshot({
      path: path.join(artifactsDir, 'candidate-page-1280.png'),
      fullPage: true,
    })

    const card = note(page, priya!)
    const text =
      'Dear Priya,\n\nThank you for the chat about dbt and mentoring.\n\nBest regards,\nAna'
    await card.locator('textarea').fill(text)
    await expect
      .poll(() => card.locator('[data-count]').textContent())
      .toBe('14 words of about 150')
    expect(await card.locator('[data-blanks]').textContent()).toBe('No [blanks] left.')
    await expect.poll(() => draftOf(priya!)).toBe(text)
    // the server has the draft; the page says so once its answer is read
    await expect.poll(() => card.locator('[data-saved]').textContent()).toBe('Saved.')
    expect(decodeURIComponent((await card.locator('[data-mail]').getAttribute('href'))!)).toContain(
      'Thank you for the chat about dbt',
    )

    await card.getByRole('button', { name: 'Copy' }).click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text)
    await card.getByRole('link', { name: 'Open in email app' }).click()
    await expect
      .poll(() => eventsOf(interview.id))
      .toEqual(expect.arrayContaining([`copied:${priya}`, `mail_opened:${priya}`]))

    await page.evaluate(() => ((window as any).notReloaded = true))
    await card.getByRole('button', { name: 'I sent it' }).click()
    await expect.poll(() => card.locator('[data-state]').textContent()).toBe('Sent ✓')
    expect(await page.locator('[data-progress]').textContent()).toBe('1 of 3 notes marked sent')
    expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true)
    expect(await eventsOf(interview.id)).toContain(`sent:${priya}`)

    await page.reload()
    expect(await card.locator('textarea').inputValue()).toBe(text)
    expect(await card.locator('[data-state]').textContent()).toBe('Sent ✓')
    expect(await note(page, tom!).locator('[data-state]').textContent()).toBe('Not sent yet')
    await card.getByRole('button', { name: 'Undo: not sent yet' }).click()
    await expect
      .poll(() => page.locator('[data-progress]').textContent())
      .toBe('0 of 3 notes marked sent')
    expect(await eventsOf(interview.id)).toContain(`unsent:${priya}`)
    expect(problems).toEqual([])
  })

  it('asks once before marking a note with [blanks] left, and tidies up after a mark', async () => {
    const { interview, url } = await linkFromEmail()
    const tom = interview.interviewers[1].id as string
    const { page, problems } = await openPage(url)
    const card = note(page, tom)
    await card.locator('[data-copy]:not([hidden])').waitFor()
    expect(await card.locator('[data-save]').isHidden()).toBe(true)
    const blanks = await card.locator('[data-blanks]').textContent()
    expect(blanks).toMatch(/\d+ \[blanks?\] left to fill in\./)

    // the first press asks, and marks nothing
    await card.getByRole('button', { name: 'I sent it' }).click()
    await expect
      .poll(() => card.locator('[data-blanks]').textContent())
      .toContain('press "I sent it" again')
    expect(await card.locator('[data-blanks]').getAttribute('class')).toContain('warn')
    await card.screenshot({ path: path.join(artifactsDir, 'candidate-blanks-question-375.png') })
    expect(await card.locator('[data-state]').textContent()).toBe('Not sent yet')
    expect(await eventsOf(interview.id)).not.toContain(`sent:${tom}`)

    // copied, then marked: the undo is a plain button and "Copied" is gone
    await context!.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl })
    await card.getByRole('button', { name: 'Copy' }).click()
    // said once the clipboard has it, which takes a moment
    await expect.poll(() => card.locator('[data-saved]').textContent()).toContain('Copied')
    await card.getByRole('button', { name: 'I sent it' }).click()
    await expect.poll(() => card.locator('[data-state]').textContent()).toBe('Sent ✓')
    const undo = card.getByRole('button', { name: 'Undo: not sent yet' })
    expect(await undo.getAttribute('class')).toBe('btn')
    expect(await card.locator('[data-saved]').textContent()).toBe('')
    await undo.click()
    await expect.poll(() => card.locator('[data-state]').textContent()).toBe('Not sent yet')
    expect(await card.getByRole('button', { name: 'I sent it' }).getAttribute('class')).toBe(
      'btn main',
    )

    // a draft with its blanks filled is marked at the first press
    const filled = note(page, interview.interviewers[0].id as string)
    await filled.locator('textarea').fill('Dear Priya,\n\nThank you for your time.\n\nBest,\nAna')
    await filled.getByRole('button', { name: 'I sent it' }).click()
    await expect.poll(() => filled.locator('[data-state]').textContent()).toBe('Sent ✓')
    expect(problems).toEqual([])
  })

  it("shows the deadline in the candidate's own time zone", async () => {
    const { url } = await linkFromEmail()
    const { page, problems } = await openPage(url, { timezoneId: 'Asia/Tokyo' })
    // the agency is in New York; the candidate's browser in Tokyo
    await expect
      .poll(() => page.locator('[data-deadline-at]').textContent())
      .toContain('(Tokyo time)')
    const shown = await page.locator('[data-deadline-at]').textContent()
    expect(shown).toMatch(/^\d{1,2}:\d\d [AP]M on \w+day, \d{1,2} \w+ \(Tokyo time\)$/)
    expect(problems).toEqual([])
  })

  it('keeps an edit on the device while the server is out of reach, and saves it later', async () => {
    const { interview, url } = await linkFromEmail()
    const tom = interview.interviewers[1].id as string
    const { page } = await openPage(url)
    await context!.route('**/drafts/**', (route) => route.abort())
    await note(page, tom).locator('textarea').fill('Dear Tom, written on a train.')
    await expect
      .poll(() => note(page, tom).locator('[data-saved]').textContent())
      .toContain('Not saved yet')
    expect(await draftOf(tom)).toBeNull()

    // a second tab (the page opened again later) shows it from this device's storage alone
    const again = await context!.newPage()
    await again.goto(url)
    expect(await note(again, tom).locator('textarea').inputValue()).toBe(
      'Dear Tom, written on a train.',
    )
    expect(await draftOf(tom)).toBeNull()
    await context!.unroute('**/drafts/**')
    await again.evaluate(() => dispatchEvent(new Event('online')))
    await expect.poll(() => draftOf(tom)).toBe('Dear Tom, written on a train.')

    // an old edit left on this device loses to a newer copy saved from somewhere else
    await again.evaluate(
      (key) => localStorage.setItem(key, JSON.stringify({ body: 'Stale', base: 'Older text' })),
      `followthrough:draft:${tom}`,
    )
    await again.reload()
    expect(await note(again, tom).locator('textarea').inputValue()).toBe(
      'Dear Tom, written on a train.',
    )
    expect(
      await again.evaluate((key) => localStorage.getItem(key), `followthrough:draft:${tom}`),
    ).toBeNull()
  })

  it('works with JavaScript off, through the forms', async () => {
    const { interview, url } = await linkFromEmail()
    const [priya] = interview.interviewers.map((p: { id: string }) => p.id) as string[]
    const { page } = await openPage(url, { javaScriptEnabled: false })
    const card = note(page, priya!)
    expect(await card.getByRole('button', { name: 'Copy' }).isVisible()).toBe(false)
    await page.screenshot({ path: path.join(artifactsDir, 'candidate-page-nojs-375.png') })

    await card.locator('textarea').fill('Dear Priya, thank you. No script needed.')
    await card.getByRole('button', { name: 'Save draft' }).click()
    await page.waitForURL(`${url}#note-${priya}`)
    expect(await card.locator('textarea').inputValue()).toBe(
      'Dear Priya, thank you. No script needed.',
    )
    expect(await card.locator('[data-saved]').textContent()).toBe('Your saved draft.')

    await card.getByRole('button', { name: 'I sent it' }).click()
    await page.waitForLoadState()
    expect(await card.locator('[data-state]').textContent()).toBe('Sent ✓')
    expect(await page.locator('[data-progress]').textContent()).toBe('1 of 3 notes marked sent')
    await page.reload()
    expect(await card.locator('[data-state]').textContent()).toBe('Sent ✓')
    expect(await card.locator('textarea').inputValue()).toBe(
      'Dear Priya, thank you. No script needed.',
    )
    expect(await eventsOf(interview.id)).toEqual(['page_opened:-', `sent:${priya}`])
    const read = await h.request('GET', `/v1/interviews/${interview.id}`, {
      token: agency.secretKey,
    })
    expect(read.body.coaching).toMatchObject({ notesSent: 1, notesTotal: 3 })
  })

  it('has no serious or critical accessibility problems, with or without its script', async () => {
    const { url } = await linkFromEmail()
    for (const withScript of [true, false]) {
      for (const width of [375, 1280]) {
        context = await browser.newContext({ viewport: { width, height: 900 } })
        // axe needs JavaScript itself, so "without" blocks only the page's own script
        if (!withScript) await context.route('**/assets/candidate.js', (route) => route.abort())
        const page = await context.newPage()
        await page.goto(url)
        // injected through the DevTools protocol, which the page's CSP does not cover, so the
        // page is checked exactly as it is served
        await page.evaluate(axe.source)
        const results: axe.AxeResults = await page.evaluate(() => (window as any).axe.run())
        const bad = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        expect(bad, `script=${withScript} width=${width}`).toEqual([])
        const found = results.violations.map((v) => `${v.id}/${v.impact}`).join(', ') || 'none'
        console.info(
          `axe script=${withScript} ${width}px: ${results.passes.length} rules passed, ` +
            `${results.violations.length} violations (${found})`,
        )
        await context.close()
        context = undefined
      }
    }
  })

  it('reaches every control with the keyboard, in order', async () => {
    const { url } = await linkFromEmail()
    const { page } = await openPage(url)
    await page.locator('[data-copy]:not([hidden])').first().waitFor()
    const count = await page.evaluate(() => {
      const controls = [
        ...document.querySelectorAll<HTMLElement>('a[href], button, textarea, summary'),
      ].filter((el) => el.offsetParent !== null)
      controls.forEach((el, i) => (el.dataset.kb = String(i)))
      return controls.length
    })
    // the five other languages, the page link, then per note: textarea, checklist, copy, mail,
    // sent (the draft saves itself, so the script hides the save button)
    expect(count).toBe(5 + 1 + 3 * 5)
    const reached: string[] = []
    for (let i = 0; i < count; i++) {
      await page.keyboard.press('Tab')
      reached.push(
        await page.evaluate(() => (document.activeElement as HTMLElement).dataset.kb ?? '?'),
      )
    }
    expect(reached).toEqual(Array.from({ length: count }, (_, i) => String(i)))
  })

  // each language's page on a phone: the browser's own language set to match
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
      context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: language,
      })
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
    },
  )
})
