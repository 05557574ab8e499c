import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { WidgetBuild } from '../../widget/build'
import { formText } from '../../widget/src/strings'
import { expectNoAxeViolations } from '../support/axe'
import { artifactsDir, describeInBrowser } from '../support/browser'
import { deliver, eventInterview, inboundEvent } from '../support/integrations'
import {
  coachingLink,
  logInterview,
  startAgencyPortal,
  sendRate,
  startDemoPortal,
  type DemoPortal,
} from './demo-portal'

describeInBrowser('the widget on the demo portal, in Chromium', () => {
  let portal: DemoPortal
  let context: BrowserContext | undefined
  beforeAll(async () => {
    portal = await startDemoPortal()
  })
  afterEach(async () => {
    await portal.closePages()
    await context?.close()
    context = undefined
  })
  afterAll(async () => {
    await portal?.close()
  })

  it('logs an interview; the candidate marks a note sent; the dashboard moves', async () => {
    const { page, widget, problems } = await portal.open()

    await widget.getByRole('tab', { name: 'Dashboard' }).click()
    await widget.getByText('No interviews in this range yet').waitFor()

    // a problem lands on its field, in the form's own words
    await logInterview(widget, 'Ana Souza', 'ana@')
    const email = widget.getByLabel('Candidate email')
    await widget.getByText(formText['candidate.email']!).waitFor()
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    expect(await email.getAttribute('aria-describedby')).toBe('f-candidate.email-error')
    // focus moves to the first field to fix
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector('followthrough-widget')!.shadowRoot!.activeElement?.id,
        ),
      )
      .toBe('f-candidate.email')

    await email.fill('ana@example.com')
    await widget.getByRole('button', { name: 'Log interview and email candidate' }).click()
    const done = widget.getByText('Ana will get an email now')
    await done.waitFor()
    expect(await done.textContent()).toContain('Priya Natarajan and Tom Becker')
    await page.screenshot({ path: path.join(artifactsDir, 'widget-logged.png'), fullPage: true })

    const link = await coachingLink(portal.h)
    await widget.getByRole('button', { name: 'See my interviews' }).click()
    const item = widget.locator('.interviews > li', { hasText: 'Ana Souza' })
    await expect.poll(() => item.textContent()).toContain('Notes 0/2')

    await widget.getByRole('tab', { name: 'Dashboard' }).click()
    // ended an hour ago with no note yet: not a miss, so no rate yet rather than 0%
    await expect.poll(() => sendRate(widget)).toBe('–')
    expect(await widget.locator('.tile', { hasText: 'Send rate' }).innerText()).toContain(
      '1 still in their 24 hours.',
    )
    expect(await widget.getByRole('table', { name: 'By recruiter' }).textContent()).toContain(
      'Dana Reyes',
    )

    // the candidate follows the emailed link and marks the note to Priya sent
    const candidatePage = await page.context().newPage()
    await candidatePage.goto(link)
    // the draft still has its [blanks]: the page asks once, and the second press marks it
    const sentIt = candidatePage.getByRole('button', { name: 'I sent it' }).first()
    await sentIt.click()
    await candidatePage.getByText('press "I sent it" again').first().waitFor()
    await sentIt.click()
    await expect
      .poll(() => candidatePage.locator('[data-progress]').textContent())
      .toBe('1 of 2 notes marked sent')

    await widget.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => sendRate(widget)).toBe('100%')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      widget.getByRole('button', { name: 'Download CSV By client' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^followthrough-client-\d{4}-\d\d-\d\d-/)
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv).toContain('Client,Globex,Globex,1,1,')
    await page.screenshot({ path: path.join(artifactsDir, 'widget-dashboard.png'), fullPage: true })

    await page.reload()
    await widget.getByRole('tab', { name: 'My interviews' }).click()
    await expect.poll(() => item.textContent()).toContain('Notes 1/2')
    expect(await item.textContent()).toContain('On time')

    // nothing of the widget's styling reached the host page
    const host = await page.evaluate(() => ({
      adopted: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll('style').length,
      introFont: getComputedStyle(document.querySelector('.intro')!).fontFamily,
    }))
    expect(host).toEqual({
      adopted: 0,
      styleElements: 0,
      introFont: expect.stringMatching(/Georgia/),
    })
    // the form caught the address before sending it
    expect(problems).toEqual([])
  })

  it('starts whichever script runs first, and asks once more for a refused session', async () => {
    for (const late of ['/widget.js', '/demo/portal.js']) {
      context = await portal.browser.newContext()
      const page = await context.newPage()
      await page.route(`**${late}`, async (route) => {
        // long enough that the other script has surely run, even on a loaded machine
        await new Promise((resolve) => setTimeout(resolve, 2000))
        await route.continue()
      })
      let sessions = 0
      // the portal's first session is one the API does not accept
      await page.route('**/demo/session', async (route) => {
        sessions += 1
        if (sessions === 1) await route.fulfill({ body: 'ft_ses_e30.bm90LXNpZ25lZA' })
        else await route.continue()
      })
      await page.goto(`${portal.h.baseUrl}/demo`)
      const widget = page.locator('followthrough-widget')
      await expect
        .poll(() => widget.locator('.head strong').textContent())
        .toBe('Brightpath Staffing')
      expect(sessions).toBe(2)
      const ended = await page.evaluate(() =>
        Object.fromEntries(
          performance
            .getEntriesByType('resource')
            .map((e) => [new URL(e.name).pathname, (e as PerformanceResourceTiming).responseEnd]),
        ),
      )
      const app = Object.keys(ended).find((p) => p.startsWith('/widget-app.'))!
      // either the init command waited in the queue, or the app was running before it came
      const first = late === '/widget.js' ? ['/demo/portal.js'] : ['/widget.js', app]
      for (const file of first) expect(ended[late]).toBeGreaterThan(ended[file]!)
      await context.close()
      context = undefined
    }
  })

  it('stays visible and usable under a hostile host stylesheet', async () => {
    const { page, widget, problems } = await portal.open()
    await page.route('**/demo/hostile.css', (route) =>
      route.fulfill({ contentType: 'text/css', body: '* { all: unset } div { display:none }' }),
    )
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const link = document.createElement('link')
          link.rel = 'stylesheet'
          link.href = '/demo/hostile.css'
          link.onload = () => resolve()
          link.onerror = reject
          document.head.appendChild(link)
        }),
    )
    // the host's own page did lose what it had not styled itself
    expect(
      await page.evaluate(
        () => getComputedStyle(document.querySelector('footer a')!).textDecorationLine,
      ),
    ).toBe('none')
    const name = widget.getByLabel('Candidate name')
    expect(await name.isVisible()).toBe(true)
    expect((await name.boundingBox())!.width).toBeGreaterThan(100)
    expect(await widget.evaluate((el) => getComputedStyle(el).display)).toBe('block')
    await page.screenshot({
      path: path.join(artifactsDir, 'widget-hostile-css.png'),
      fullPage: true,
    })

    await logInterview(widget, 'Ben Okoro', 'ben@example.com')
    await widget.getByText('Ben will get an email now').waitFor()
    expect(problems).toEqual([])
  })

  it('is operable from the keyboard: Tab reaches the tabs and the form, arrows switch tabs', async () => {
    const { page, widget } = await portal.open()
    const focused = () =>
      page.evaluate(() => {
        const el = document.querySelector('followthrough-widget')?.shadowRoot?.activeElement
        return el ? { role: el.getAttribute('role'), id: el.id, text: el.textContent } : null
      })
    const seen: Awaited<ReturnType<typeof focused>>[] = []
    for (let i = 0; i < 20 && seen.at(-1)?.id !== 'f-candidate.name'; i++) {
      await page.keyboard.press('Tab')
      seen.push(await focused())
    }
    expect(seen.filter(Boolean)).toEqual([
      { role: 'tab', id: 'tab-log', text: 'Log interview' },
      { role: null, id: 'f-candidate.name', text: '' },
    ])
    await page.keyboard.type('Ana Souza')
    expect(await widget.getByLabel('Candidate name').inputValue()).toBe('Ana Souza')

    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('ArrowRight')
    expect(await focused()).toMatchObject({ role: 'tab', id: 'tab-list' })
    expect(await widget.getByRole('tabpanel').getAttribute('id')).toBe('panel-list')
    await page.keyboard.press('End')
    expect(await focused()).toMatchObject({ id: 'tab-stats' })
    await page.keyboard.press('Home')
    await page.keyboard.press('Tab')
    // the half-typed form survived the visit to the other tabs
    expect(await focused()).toMatchObject({ id: 'f-candidate.name' })
    expect(await widget.getByLabel('Candidate name').inputValue()).toBe('Ana Souza')
  })

  it('has no axe violation of any impact in any view, for a manager or a recruiter', async () => {
    for (const as of ['', '?as=recruiter']) {
      const { page, widget, problems } = await portal.open(`/demo${as}`)
      const check = (state: string) => expectNoAxeViolations(page, `${as || 'manager'}: ${state}`)
      await widget.getByRole('button', { name: 'Log interview and email candidate' }).click()
      await widget.getByText('Some details need a fix').waitFor()
      await check('form with errors')
      if (as) {
        await logInterview(widget, 'Cleo Park', 'cleo@example.com')
        await widget.getByText('Cleo will get an email now').waitFor()
        await check('logged')
      }
      await widget.getByRole('tab', { name: 'My interviews' }).click()
      await widget.getByRole('combobox', { name: 'Status' }).waitFor()
      await widget.getByText(/Loading/).waitFor({ state: 'detached' })
      await check('interviews')
      // a recruiter sees only their own interviews, a manager the agency's
      // (both started two hours ago to the minute: their order is the ids')
      const names = await widget.locator('.interviews > li strong').allTextContents()
      expect(names.sort()).toEqual(as ? ['Cleo Park'] : ['Ana Souza', 'Ben Okoro'])
      const statsRequests: string[] = []
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/v1/stats') statsRequests.push(r.url())
      })
      await widget.getByRole('tab', { name: 'Dashboard' }).click()
      await widget.getByRole('table').first().waitFor()
      // the range's figures and the period before it come from one stats request
      await widget.locator('.tiles').waitFor()
      expect(statsRequests).toHaveLength(1)
      const asked = new URL(statsRequests[0]!).searchParams
      expect([asked.get('groupBy'), asked.get('compare')]).toEqual([
        'week,client,recruiter',
        'previous',
      ])
      // a manager sees the agency's connected systems; a recruiter does not ask for them
      const systems = widget.getByRole('heading', { name: 'Connected systems' })
      if (as) expect(await systems.count()).toBe(0)
      else {
        await systems.waitFor()
        await widget.getByText('No ATS is connected').waitFor()
      }
      await check('dashboard')
      const tables = await widget
        .getByRole('table')
        .evaluateAll((ts) => ts.map((t) => t.querySelector('caption')!.textContent))
      expect(tables).toEqual(
        as
          ? ['From coaching email to note', 'Your interviews by client']
          : ['From coaching email to note', 'By recruiter', 'By client'],
      )
      await page.screenshot({
        path: path.join(artifactsDir, `widget-dashboard-${as ? 'recruiter' : 'manager'}.png`),
        fullPage: true,
      })
      expect(problems).toEqual([])
      await portal.closePages()
    }
  })

  it('works from a portal on another origin whose CSP allows only the widget origin', async () => {
    const agencyPortal = await startAgencyPortal(portal)
    try {
      const { widget, problems, scripts } = await portal.open(`${agencyPortal.origin}/interviews`)
      // the loader, then the entry and the chunks it imports, asked for together and each once
      // (the CSP lets the preloads through as it does the entry)
      const meta = JSON.parse(readFileSync('dist/widget.meta.json', 'utf8')) as WidgetBuild
      expect(scripts).toEqual(['widget.js', ...meta.startup.slice(1), meta.app])
      await logInterview(widget, 'Dev Patel', 'dev@example.com')
      await widget.getByText('Dev will get an email now').waitFor()
      await widget.getByRole('tab', { name: 'My interviews' }).click()
      await expect
        .poll(() => widget.locator('.interviews > li strong').allTextContents())
        .toEqual(['Dev Patel'])
      expect(problems).toEqual([])
    } finally {
      await agencyPortal.close()
    }
  })

  it('shows a manager what each connected system has done, and its last problem', async () => {
    const res = await portal.h.request('POST', '/v1/integrations', {
      token: portal.secretKey,
      json: { provider: 'webhook' },
    })
    expect(res.status, res.text).toBe(201)
    const integration = { id: res.body.id, signingSecret: res.body.signingSecret }
    const noEmail = eventInterview('ats-77', { candidate: { name: 'Dee Moss' } })
    const sent = await deliver(portal.h, integration, inboundEvent('interview.scheduled', noEmail))
    expect(sent.body.result).toBe('ignored')
    for (const width of [390, 1280]) {
      const { page, widget, problems } = await portal.open('/demo')
      await page.setViewportSize({ width, height: 900 })
      await widget.getByRole('tab', { name: 'Dashboard' }).click()
      const item = widget.locator('.systems li')
      await item.waitFor()
      expect(await item.innerText()).toMatch(
        /^Signed webhook\nLast event .+\n1 ignored\nLast problem \(.+\): candidate\.email: Required\.$/,
      )
      await page.screenshot({
        path: path.join(artifactsDir, `widget-systems-${width}.png`),
        fullPage: true,
      })
      expect(problems).toEqual([])
      await portal.closePages()
    }
  })
})
