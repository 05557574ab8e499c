import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { artifactsDir, describeInBrowser } from '../support/browser'
import {
  coachingLink,
  logInterview,
  startAgencyPortal,
  startDemoPortal,
  type DemoPortal,
} from './demo-portal'

// What README's widget section promises a host page: events it can listen to, a theme over the
// agency's branding, and a locale for the words and dates, on a portal embedding the widget as
// README shows.

describeInBrowser("the widget's host-page API, in Chromium", () => {
  let portal: DemoPortal
  let agencyPortal: Awaited<ReturnType<typeof startAgencyPortal>>
  beforeAll(async () => {
    portal = await startDemoPortal()
    agencyPortal = await startAgencyPortal(portal, {
      before: `window.seen = []
followthrough.q.push(['on', 'ready', () => seen.push(['ready'])])
followthrough.q.push(['on', 'interview-logged', (d) => seen.push(['logged', d])])
followthrough.q.push(['on', 'interview-logged', () => { throw new Error('a host bug') }])
document.addEventListener('followthrough:notes-sent', (e) => seen.push(['notes-sent', e.detail]))`,
      initOptions: `theme: { primary: '#7a1f5c', font: 'Georgia, serif', radius: '0',
  accent: 'red; } * { display: none' },
locale: 'de-DE',`,
    })
  })
  afterAll(async () => {
    await agencyPortal?.close()
    await portal?.close()
  })

  it('tells the host what happens, in its theme, and keeps going when a handler throws', async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1100, height: 900 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(agencyPortal.origin)
    const widget = page.locator('followthrough-widget')
    await widget.getByLabel('Candidate name').waitFor()
    const seen = () => page.evaluate(() => (window as unknown as { seen: unknown[][] }).seen)
    expect(await seen()).toEqual([['ready']])
    // a ready handler that comes after init hears it at once
    expect(
      await page.evaluate(
        () =>
          new Promise((resolve) =>
            (
              window as unknown as { followthrough: { push(c: unknown[]): void } }
            ).followthrough.push(['on', 'ready', () => resolve('heard')]),
          ),
      ),
    ).toBe('heard')

    // the theme wins over the branding; the accent that tried to close the rule is refused
    const submit = widget.getByRole('button', { name: 'Log interview and email candidate' })
    const styles = await submit.evaluate((button) => {
      const box = getComputedStyle(button.closest('.ft')!)
      const own = getComputedStyle(button)
      return {
        background: own.backgroundColor,
        radius: own.borderTopLeftRadius,
        font: box.fontFamily,
        boxRadius: box.borderTopLeftRadius,
      }
    })
    expect(styles).toEqual({
      background: 'rgb(122, 31, 92)',
      radius: '0px',
      font: 'Georgia, serif',
      boxRadius: '4px',
    })
    expect(errors.some((e) => e.includes('theme.accent is not a valid color'))).toBe(true)
    await page.screenshot({
      path: path.join(artifactsDir, 'widget-host-theme.png'),
      fullPage: true,
    })

    await logInterview(widget, 'Ana Souza', 'ana@example.com')
    await widget.getByText('Ana will get an email now').waitFor()
    await expect.poll(seen).toHaveLength(2)
    const [, logged] = await seen()
    expect(logged).toEqual([
      'logged',
      {
        interviewId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        startsAt: expect.any(String),
        clientCompany: 'Globex',
        roleTitle: 'Senior Data Analyst',
      },
    ])
    // the throwing handler was reported, and the widget carried on
    expect(errors.some((e) => e.includes('an event handler failed'))).toBe(true)

    // the candidate marks a note sent; the widget sees it when it next looks
    const candidatePage = await context.newPage()
    await candidatePage.goto(await coachingLink(portal.h))
    const sentIt = candidatePage.getByRole('button', { name: 'I sent it' }).first()
    await sentIt.click()
    await candidatePage.getByText('press "I sent it" again').first().waitFor()
    await sentIt.click()
    await candidatePage.getByText('1 of 2 notes marked sent').waitFor()
    await widget.getByRole('tab', { name: 'My interviews' }).click()
    await expect.poll(seen).toHaveLength(3)
    const interviewId = (logged![1] as { interviewId: string }).interviewId
    expect((await seen())[2]).toEqual(['notes-sent', { interviewId, notesSent: 1, notesTotal: 2 }])

    // dates in the host's locale
    const list = await widget.getByRole('tabpanel').filter({ hasText: 'Ana Souza' }).textContent()
    expect(list).toMatch(/(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\./)
    await context.close()
  })
  it('speaks Spanish to a host whose locale is es-ES, and keeps English for a language it lacks', async () => {
    const spanish = await startAgencyPortal(portal, { initOptions: `locale: 'es-ES',` })
    let unknown: typeof spanish | undefined
    const context = await portal.browser.newContext({ viewport: { width: 390, height: 900 } })
    try {
      const page = await context.newPage()
      await page.goto(spanish.origin)
      const widget = page.locator('followthrough-widget')
      await widget.getByLabel('Nombre del candidato').waitFor()
      expect(await widget.locator('.ft').getAttribute('lang')).toBe('es')
      expect(await widget.getByRole('tab').allTextContents()).toEqual([
        'Registrar entrevista',
        'Mis entrevistas',
        'Panel',
      ])
      await widget.getByRole('button', { name: 'Registrar y enviar correo al candidato' }).click()
      // a message the catalog lacks would read in English; these are translated
      await widget.getByText('Hay datos que corregir antes de poder enviar el correo.').waitFor()
      await widget.getByText('Escribe el nombre del candidato.').waitFor()
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.screenshot({ path: path.join(artifactsDir, 'widget-es-1280.png'), fullPage: true })
      await page.setViewportSize({ width: 390, height: 900 })

      await widget.getByLabel('Nombre del candidato').fill('Ana Souza')
      await widget.getByLabel('Correo del candidato').fill('ana@example.com')
      await widget.getByLabel('Puesto', { exact: true }).fill('Analista de datos')
      await widget.getByLabel('Cliente', { exact: true }).fill('Globex')
      await widget.getByLabel('Entrevistador 1 Nombre').fill('Priya Natarajan')
      await widget.getByRole('button', { name: 'Añadir entrevistador' }).click()
      await widget.getByLabel('Entrevistador 2 Nombre').fill('Tom Becker')
      await widget.getByRole('button', { name: 'Registrar y enviar correo al candidato' }).click()
      await widget.getByRole('heading', { name: 'Entrevista registrada' }).waitFor()
      const done = await widget.getByRole('status').textContent()
      expect(done).toContain('a Priya Natarajan y Tom Becker.')
      // the reminder's date in Spanish
      expect(done).toMatch(/\((lun|mar|mié|jue|vie|sáb|dom), \d{1,2} [a-z]+,? \d{2}:\d{2}\)/)
      await page.screenshot({ path: path.join(artifactsDir, 'widget-es-390.png'), fullPage: true })

      // each portal sets the agency's allowed origins to its own
      unknown = await startAgencyPortal(portal, { initOptions: `locale: 'xx-YY',` })
      await page.goto(unknown.origin)
      await widget.getByLabel('Candidate name').waitFor()
      expect(await widget.locator('.ft').getAttribute('lang')).toBe('en')
    } finally {
      await context.close()
      await spanish.close()
      await unknown?.close()
    }
  })
})
