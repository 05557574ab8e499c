import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { localInputValue } from '../../widget/src/format'
import { formText, lateNotice } from '../../widget/src/strings'
import { expectNoAxeViolations } from '../support/axe'
import { artifactsDir, describeInBrowser } from '../support/browser'
import { startDemoPortal, type DemoPortal } from './demo-portal'

const minute = 60_000
const day = 24 * 60 * minute

/** The datetime-local value for `msAgo` before now, in the browser's (this process's) zone. */
const ago = (msAgo: number) => localInputValue(new Date(Date.now() - msAgo))

/** What has focus inside the widget's shadow root: its id, or its text when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('followthrough-widget')!.shadowRoot!.activeElement
    return el ? el.id || el.textContent : null
  })

/** The message shown under the field at `apiPath`, or null when it shows none. */
async function errorAt(widget: Locator, apiPath: string) {
  const error = widget.locator(`[id="f-${apiPath}-error"]`)
  return (await error.count()) ? error.textContent() : null
}

/** Full-page screenshots at a phone's and a laptop's width. */
async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: path.join(artifactsDir, `${name}-${width}.png`), fullPage: true })
  }
  await page.setViewportSize({ width: 1100, height: 900 })
}

async function fillValid(widget: Locator) {
  await widget.getByLabel('Candidate name').fill('Ana Souza')
  await widget.getByLabel('Candidate email').fill('ana@example.com')
  await widget.getByLabel('Role', { exact: true }).fill('Data Analyst')
  await widget.getByLabel('Client', { exact: true }).fill('Globex')
  await widget.getByLabel('Interviewer 1 Name').fill('Priya Natarajan')
}

const submit = (widget: Locator) =>
  widget.getByRole('button', { name: 'Log interview and email candidate' }).click()

// what the API's validator says, which the form must never show
const rawWording = /Too small|Too big|Must be|ISO-8601|Required\.|expected|Invalid/

describeInBrowser('the log form, in Chromium', () => {
  let portal: DemoPortal
  beforeAll(async () => {
    portal = await startDemoPortal()
  })
  afterEach(async () => {
    await portal.closePages()
  })
  afterAll(async () => {
    await portal?.close()
  })

  it('fits 360, 390, 768 and 1280 px without sideways scrolling and passes axe, errors shown or not', async () => {
    const { page, widget } = await portal.open()
    for (const width of [360, 390, 768, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      await widget.getByLabel('Candidate name').fill('')
      await expectNoAxeViolations(page, `empty form at ${width} px`)
      await submit(widget)
      await widget.getByText(formText.summary!).waitFor()
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        `no sideways scroll at ${width} px`,
      ).toBe(true)
      await expectNoAxeViolations(page, `form with errors at ${width} px`)
      await page.screenshot({
        path: path.join(artifactsDir, `log-form-errors-${width}.png`),
        fullPage: true,
      })
    }
  })

  it('starts the interview one length ago, following the length until the start is set', async () => {
    const { page, widget } = await portal.open()
    const start = widget.getByLabel('Started at')
    const near = async (msAgo: number) => {
      const value = await start.inputValue()
      // either side of a minute's turn
      expect([ago(msAgo), ago(msAgo + minute)]).toContain(value)
    }
    await near(45 * minute)
    await shoot(page, 'form-empty')
    await widget.getByLabel('Duration (minutes)').fill('90')
    await near(90 * minute)
    const set = ago(3 * 60 * minute)
    await start.fill(set)
    await widget.getByLabel('Duration (minutes)').fill('60')
    expect(await start.inputValue()).toBe(set)
  })

  it('shows every problem at once in its own words, focuses the first, clears each once fixed', async () => {
    const { page, widget, problems } = await portal.open()
    const posts: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/v1/interviews')) posts.push(r.url())
    })
    await widget.getByLabel('Duration (minutes)').fill('3')
    await widget.getByLabel('Interviewer 1 Email').fill('tom@')
    await submit(widget)
    await widget.getByText(formText.summary!).waitFor()
    const expected: Record<string, string> = {
      'candidate.name': 'candidate.name',
      'candidate.email': 'candidate.email',
      roleTitle: 'roleTitle',
      clientCompany: 'clientCompany',
      durationMinutes: 'durationMinutes',
      'interviewers.0.name': 'interviewers.*.name',
      'interviewers.0.email': 'interviewers.*.email',
    }
    for (const [apiPath, key] of Object.entries(expected)) {
      expect(await errorAt(widget, apiPath), apiPath).toBe(formText[key])
    }
    expect(await errorAt(widget, 'startsAt')).toBeNull()
    await expect.poll(() => focused(page)).toBe('f-candidate.name')
    await shoot(page, 'form-errors')
    // checked before sending: no request went out
    expect(posts).toEqual([])

    // each message goes as soon as its own field is right; the others stay
    await widget.getByLabel('Candidate name').fill('Ana Souza')
    expect(await errorAt(widget, 'candidate.name')).toBeNull()
    expect(await widget.getByLabel('Candidate name').getAttribute('aria-invalid')).toBe('false')
    await widget.getByLabel('Duration (minutes)').fill('45')
    expect(await errorAt(widget, 'durationMinutes')).toBeNull()
    await widget.getByLabel('Interviewer 1 Email').fill('tom@globex.com')
    expect(await errorAt(widget, 'interviewers.0.email')).toBeNull()
    expect(await errorAt(widget, 'candidate.email')).toBe(formText['candidate.email'])

    // the start: missing, too long ago, too far ahead
    await fillValid(widget)
    const start = widget.getByLabel('Started at')
    for (const [value, key] of [
      ['', 'startsAt'],
      [ago(20 * day), 'startsAt.old'],
      [ago(-200 * day), 'startsAt.ahead'],
    ] as const) {
      await start.fill(value)
      await submit(widget)
      await expect.poll(() => errorAt(widget, 'startsAt')).toBe(formText[key])
      await expect.poll(() => focused(page)).toBe('f-startsAt')
    }
    await widget.getByLabel('Duration (minutes)').fill('500')
    await submit(widget)
    await expect.poll(() => errorAt(widget, 'durationMinutes')).toBe(formText.durationMinutes)
    expect(posts).toEqual([])

    // what only the API refuses lands on its field in the same words
    await start.fill(ago(60 * minute))
    await widget.getByLabel('Duration (minutes)').fill('45')
    await widget.getByLabel('Candidate email').fill('ana@example.c')
    await widget.getByLabel('Interviewer 1 Email').fill('priya@globex.c')
    await submit(widget)
    await expect.poll(() => errorAt(widget, 'candidate.email')).toBe(formText['candidate.email'])
    expect(await errorAt(widget, 'interviewers.0.email')).toBe(formText['interviewers.*.email'])
    await expect.poll(() => focused(page)).toBe('f-candidate.email')
    expect(posts).toHaveLength(1)
    expect(await widget.innerText()).not.toMatch(rawWording)
    expect(problems).toEqual(['POST /v1/interviews 400'])
  })

  it('moves focus to the row before a removed interviewer, or to the add button', async () => {
    const { page, widget } = await portal.open()
    const add = widget.getByRole('button', { name: 'Add interviewer' })
    await add.click()
    await expect.poll(() => focused(page)).toBe('f-interviewers.1.name')
    await add.click()
    await widget.getByLabel('Interviewer 3 Name').fill('Tom Becker')
    await widget.getByRole('button', { name: 'Remove interviewer 3' }).click()
    await expect.poll(() => focused(page)).toBe('f-interviewers.1.name')
    await widget.getByRole('button', { name: 'Remove interviewer 1' }).click()
    await expect.poll(() => focused(page)).toBe('Add interviewer')
  })

  it('warns when the note window has closed, then focuses the result and the next form', async () => {
    const { page, widget, problems } = await portal.open()
    await fillValid(widget)
    // ended three days and an hour ago
    await widget.getByLabel('Started at').fill(ago(3 * day + 105 * minute))
    const notice = widget.locator('.notice')
    await expect.poll(() => notice.textContent()).toBe(lateNotice(3))
    await shoot(page, 'form-late')
    await widget.getByLabel('Started at').fill(ago(2 * 60 * minute))
    expect(await notice.count()).toBe(0)
    await widget.getByLabel('Started at').fill(ago(26 * 60 * minute))
    await expect.poll(() => notice.textContent()).toBe(lateNotice(1))

    // the candidate's language starts at the agency's default; this one reads Spanish
    const language = widget.getByLabel("Candidate's language")
    expect(await language.inputValue()).toBe('en')
    await language.selectOption({ label: 'Español' })

    await submit(widget)
    await widget.getByRole('heading', { name: 'Interview logged' }).waitFor()
    await expect.poll(() => focused(page)).toBe('Interview logged')
    const logged = await portal.h.db
      .selectFrom('interviews')
      .select(['candidate_language', 'note_language'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    // the drafts stay in the agency's language, the one the interview was held in
    expect(logged).toEqual({ candidate_language: 'es', note_language: 'en' })
    // the window has closed: no reminder is promised
    expect(await widget.locator('.done').innerText()).not.toContain('reminder')
    await shoot(page, 'form-success')

    await widget.getByRole('button', { name: 'Log another interview' }).click()
    await expect.poll(() => focused(page)).toBe('f-candidate.name')
    expect(await widget.getByLabel('Candidate name').inputValue()).toBe('')
    expect([ago(45 * minute), ago(46 * minute)]).toContain(
      await widget.getByLabel('Started at').inputValue(),
    )
    expect(problems).toEqual([])
  })

  it('answers / with a page that names the product and links what there is to open', async () => {
    const context = await portal.browser.newContext()
    try {
      const page = await context.newPage()
      const res = await page.goto(`${portal.h.baseUrl}/`)
      expect(res?.status()).toBe(200)
      expect(await page.title()).toBe('Followthrough')
      const links = await page
        .locator('a')
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]))
      expect(links).toEqual([
        ['Demo portal', '/demo'],
        ['Dev mailbox', '/dev/mailbox'],
        ['API document', '/openapi.json'],
        ['Health', '/health'],
      ])
      for (const [, href] of links) {
        expect((await fetch(new URL(href!, portal.h.baseUrl))).status, href!).toBe(200)
      }
      await shoot(page, 'home')
    } finally {
      await context.close()
    }
  })
})
