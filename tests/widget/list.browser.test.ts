import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../support/axe'
import { artifactsDir, describeInBrowser } from '../support/browser'
import { startAgencyPortal, startDemoPortal, type DemoPortal } from './demo-portal'

const hour = 3600_000
const day = 24 * hour

/** What has focus inside the widget's shadow root: its id, or its text when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('followthrough-widget')!.shadowRoot!.activeElement
    return el ? el.id || (el.className.includes('result') ? 'result' : el.textContent) : null
  })

/** Presses Tab until `text` (an id or a text) has focus; fails after `most` presses. */
async function tabTo(page: Page, text: string, most = 25) {
  const seen: unknown[] = []
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab')
    seen.push(await focused(page))
    if (seen.at(-1) === text) return
  }
  expect.fail(`Tab never reached ${text}: ${JSON.stringify(seen)}`)
}

/** The day `msFromNow` away as a date input holds it, in the browser's (this process's) zone. */
const dateInput = (msFromNow: number) => {
  const d = new Date(Date.now() + msFromNow)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

const names = (widget: Locator) => widget.locator('.interviews > li strong').allTextContents()

/** Whether the page scrolls sideways at each width, as [width, overflow in px]. */
async function sidewaysAt(page: Page) {
  const found: [number, number][] = []
  for (const width of [360, 390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    found.push([
      width,
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ])
  }
  await page.setViewportSize({ width: 1100, height: 900 })
  return found
}

/** Screenshots at a phone's and a laptop's width: the whole page, or what a panel covers. */
async function shoot(page: Page, name: string, fullPage = true) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: path.join(artifactsDir, `${name}-${width}.png`), fullPage })
  }
  await page.setViewportSize({ width: 1100, height: 900 })
}

describeInBrowser('the interview list and its details, in Chromium', () => {
  let portal: DemoPortal
  const ids: Record<string, string> = {}

  /** Logs an interview as the agency's backend would, in a recruiter's name. */
  async function seed(candidate: string, client: string, recruiter: string, startsIn: number) {
    const res = await portal.h.request('POST', '/v1/interviews', {
      token: portal.secretKey,
      json: {
        candidate: {
          name: candidate,
          // Lucía's address without the accent
          email: `${candidate.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}@example.com`,
        },
        roleTitle: 'Data Analyst',
        clientCompany: client,
        startsAt: new Date(Date.now() + startsIn).toISOString(),
        durationMinutes: 45,
        format: 'video',
        interviewers: [{ name: 'Priya Natarajan' }, { name: 'Tom Becker' }],
        recruiterExternalId: recruiter,
      },
    })
    expect(res.status, res.text).toBe(201)
    ids[candidate] = res.body.id
  }

  beforeAll(async () => {
    portal = await startDemoPortal()
    for (const [externalId, name, role] of [
      ['demo-manager', 'Dana Reyes', 'manager'],
      ['demo-recruiter', 'Sam Okafor', 'recruiter'],
    ]) {
      const res = await portal.h.request('POST', '/v1/sessions', {
        token: portal.secretKey,
        json: { recruiter: { externalId, name, role } },
      })
      expect(res.status, res.text).toBe(201)
    }
    // enough older interviews for a second page
    for (let n = 1; n <= 24; n++) {
      await seed(`Filler ${n}`, 'Hooli', 'demo-manager', -5 * day - n * hour)
    }
    await seed('Ana Souza', 'Globex', 'demo-manager', -3 * day)
    await seed('Ben Okoro', 'Initech', 'demo-recruiter', -1 * day)
    await seed('Cleo Park', 'Globex', 'demo-recruiter', 2 * day)
  })
  afterEach(async () => {
    await portal.closePages()
  })
  afterAll(async () => {
    await portal?.close()
  })

  it('shows a manager every interview by when it takes place, filtered and searched', async () => {
    const { page, widget, problems } = await portal.open()
    await widget.getByRole('tab', { name: 'My interviews' }).click()
    const rows = widget.locator('.interviews > li')
    await expect.poll(() => rows.count()).toBe(25)
    // upcoming first, then the latest to take place
    expect((await names(widget)).slice(0, 3)).toEqual(['Cleo Park', 'Ben Okoro', 'Ana Souza'])
    expect(await rows.first().innerText()).toContain('Upcoming')
    expect(await rows.nth(1).innerText()).not.toContain('Upcoming')
    expect(await rows.nth(1).locator('.list-who').innerText()).toBe('Recruiter\nSam Okafor')
    await expectNoAxeViolations(page, 'list')
    expect((await sidewaysAt(page)).filter(([, px]) => px > 0)).toEqual([])
    await shoot(page, 'list')

    // every recruiter of the agency is offered, not only those of the rows loaded so far
    const everyone = await portal.h.request('GET', '/v1/recruiters', { token: portal.secretKey })
    const offered = widget.getByRole('combobox', { name: 'Recruiter' }).locator('option')
    await expect
      .poll(() => offered.allTextContents())
      .toEqual([
        'All recruiters',
        ...everyone.body.data
          .map((r: { name: string }) => r.name)
          .sort((a: string, b: string) => a.localeCompare(b)),
      ])

    await widget.getByRole('button', { name: 'Load more' }).click()
    await expect.poll(() => rows.count()).toBe(27)
    expect(await widget.getByRole('button', { name: 'Load more' }).count()).toBe(0)

    const recruiter = widget.getByRole('combobox', { name: 'Recruiter' })
    await recruiter.selectOption({ label: 'Sam Okafor' })
    await expect.poll(() => names(widget)).toEqual(['Cleo Park', 'Ben Okoro'])
    await widget.getByRole('combobox', { name: 'Client' }).selectOption('Globex')
    await expect.poll(() => names(widget)).toEqual(['Cleo Park'])
    await widget.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Canceled' })
    await widget.getByText('No interviews match these filters.').waitFor()
    await expectNoAxeViolations(page, 'no match')
    await shoot(page, 'list-no-match')
    await widget.getByRole('button', { name: 'Reset filters' }).click()
    await expect.poll(() => rows.count()).toBe(25)
    expect(await recruiter.inputValue()).toBe('')

    // the search waits for a pause in typing, then matches the candidate or the client
    const search = widget.getByRole('searchbox', { name: 'Search' })
    await search.pressSequentially('OKORO')
    await expect.poll(() => names(widget)).toEqual(['Ben Okoro'])
    await search.fill('glob')
    await expect.poll(() => names(widget)).toEqual(['Cleo Park', 'Ana Souza'])
    await search.fill('')

    // a date range counts whole days, both ends included
    await widget.getByLabel('From').fill(dateInput(-4 * day))
    await widget.getByLabel('To').fill(dateInput(-day))
    await expect.poll(() => names(widget)).toEqual(['Ben Okoro', 'Ana Souza'])
    expect(problems).toEqual([])
  })

  it('shows a recruiter only their own interviews, without a recruiter column or filter', async () => {
    const { widget, problems } = await portal.open('/demo?as=recruiter')
    await widget.getByRole('tab', { name: 'My interviews' }).click()
    await expect.poll(() => names(widget)).toEqual(['Cleo Park', 'Ben Okoro'])
    expect(await widget.getByRole('combobox', { name: 'Recruiter' }).count()).toBe(0)
    expect(await widget.locator('.list-who').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('logs, lists, opens the details and re-sends from the keyboard alone, back to the row', async () => {
    const { page, widget, problems } = await portal.open()
    await tabTo(page, 'tab-log')
    for (const [id, text] of [
      ['f-candidate.name', 'Eve Adams'],
      ['f-candidate.email', 'eve@example.com'],
      ['f-roleTitle', 'Data Engineer'],
      ['f-clientCompany', 'Globex'],
      ['f-interviewers.0.name', 'Priya Natarajan'],
    ]) {
      await tabTo(page, id!)
      await page.keyboard.type(text!)
    }
    await tabTo(page, 'Log interview and email candidate')
    await page.keyboard.press('Enter')
    await widget.getByText('Eve will get an email now').waitFor()
    await tabTo(page, 'See my interviews')
    await page.keyboard.press('Enter')
    await expect.poll(() => names(widget)).toContain('Eve Adams')

    // the coaching email went out an hour ago, as far as the API knows: a re-send is allowed
    const listed = await portal.h.request('GET', '/v1/interviews?q=Eve', {
      token: portal.secretKey,
    })
    const eve = listed.body.data[0].id as string
    await expect
      .poll(async () => {
        const res = await portal.h.request('GET', `/v1/interviews/${eve}`, {
          token: portal.secretKey,
        })
        return res.body.coaching.email
      })
      .toBe('captured')
    await portal.h.db
      .updateTable('emails')
      .set({ created_at: new Date(Date.now() - hour) })
      .where('interview_id', '=', eve)
      .execute()

    await tabTo(page, 'Details of Eve Adams')
    await page.keyboard.press('Enter')
    const dialog = widget.getByRole('dialog', { name: 'Eve Adams' })
    await dialog.getByRole('heading', { name: 'Timeline' }).waitFor()
    // focus moved into the panel
    await expect.poll(() => focused(page)).toBe('Close')
    await tabTo(page, 'Re-send coaching email')
    await page.keyboard.press('Enter')
    await dialog.getByText('Send the coaching email to eve@example.com again?').waitFor()
    await expect.poll(() => focused(page)).toBe('Yes, re-send coaching email')
    await page.keyboard.press('Enter')
    await dialog.getByText('The coaching email is on its way again.').waitFor()
    await expect.poll(() => focused(page)).toBe('result')
    const sent = await portal.h.db
      .selectFrom('emails')
      .select('kind')
      .where('interview_id', '=', eve)
      .where('kind', 'in', ['coaching', 'resend'])
      .orderBy('created_at')
      .execute()
    expect(sent.map((e) => e.kind)).toEqual(['coaching', 'resend'])

    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => focused(page)).toBe('Details of Eve Adams')
    expect(problems).toEqual([])
  })

  it('reschedules, records an outcome, cancels, and says why an action was refused', async () => {
    const { page, widget, problems } = await portal.open()
    // the dashboard, once opened, follows what is changed in the list
    await widget.getByRole('tab', { name: 'Dashboard' }).click()
    await widget.getByRole('table').first().waitFor()
    const statsAsked: string[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/v1/stats') statsAsked.push(r.url())
    })
    await widget.getByRole('tab', { name: 'My interviews' }).click()
    const open = async (name: string) => {
      await widget.getByRole('button', { name: `Details of ${name}` }).click()
      const dialog = widget.getByRole('dialog', { name })
      await dialog.getByRole('heading', { name: 'Timeline' }).waitFor()
      return dialog
    }

    // Cleo's interview is still to come: it can be moved, and its email moves with it
    let dialog = await open('Cleo Park')
    expect(await dialog.innerText()).toContain('Priya Natarajan: no note yet')
    expect(await dialog.locator('.timeline .later').count()).toBeGreaterThan(2)
    await expectNoAxeViolations(page, 'details')
    expect((await sidewaysAt(page)).filter(([, px]) => px > 0)).toEqual([])
    await shoot(page, 'list-details', false)
    await dialog.getByRole('button', { name: 'Reschedule' }).click()
    const later = new Date(Date.now() + 3 * day)
    later.setSeconds(0, 0)
    await dialog
      .getByLabel('New start', { exact: true })
      .fill(
        new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16),
      )
    await dialog.getByRole('button', { name: 'Yes, reschedule' }).click()
    await dialog.getByText(/^Moved to .+\. Its emails move with it\.$/).waitFor()
    const moved = await portal.h.request('GET', `/v1/interviews/${ids['Cleo Park']}`, {
      token: portal.secretKey,
    })
    expect(moved.body.startsAt).toBe(later.toISOString())

    // canceling asks first; going back changes nothing
    await dialog.getByRole('button', { name: 'Cancel interview' }).click()
    await dialog.getByRole('button', { name: 'Back' }).click()
    await dialog.getByRole('button', { name: 'Cancel interview' }).click()
    await dialog.getByRole('button', { name: 'Yes, cancel interview' }).click()
    await dialog.getByText('Interview canceled. Nothing more will be sent for it.').waitFor()
    await expect.poll(() => statsAsked.length).toBeGreaterThan(0)
    expect(await dialog.getByRole('button', { name: 'Cancel interview' }).count()).toBe(0)
    await dialog.getByRole('button', { name: 'Close' }).click()
    const cleo = widget.locator('.interviews > li', { hasText: 'Cleo Park' })
    await expect.poll(() => cleo.innerText()).toContain('Canceled')

    // Ben's email went out moments ago: the API refuses a re-send, and the panel says why
    dialog = await open('Ben Okoro')
    await dialog.getByRole('button', { name: 'Re-send coaching email' }).click()
    await dialog.getByRole('button', { name: 'Yes, re-send coaching email' }).click()
    await dialog.getByText('The coaching email went out less than 10 minutes ago.').waitFor()
    await dialog.getByRole('button', { name: 'Record outcome' }).click()
    await dialog.getByLabel('Outcome').selectOption({ label: 'Hired' })
    await dialog.getByRole('button', { name: 'Yes, record outcome' }).click()
    await dialog.getByText('Outcome recorded: Hired.').waitFor()
    expect(await dialog.locator('.outcome').innerText()).toBe('Outcome: Hired')
    expect(await dialog.locator('.timeline').innerText()).toContain('Outcome: Hired')
    await shoot(page, 'list-details-done', false)
    // a click beside the panel closes it, as a drawer does
    await page.mouse.click(40, 450)
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => focused(page)).toBe('Details of Ben Okoro')
    // 409 for the refused re-send, which the panel showed
    expect(problems).toEqual([`POST /v1/interviews/${ids['Ben Okoro']}/resend 409`])
  })

  it('reads in Spanish for a host whose locale is es: the filters, the badges, the details and an action', async () => {
    // a recruiter of the agency's own portal, with an interview to come and one just past
    const session = await portal.h.request('POST', '/v1/sessions', {
      token: portal.secretKey,
      json: { recruiter: { externalId: 'nw-7', name: 'Nia Wong' } },
    })
    expect(session.status, session.text).toBe(201)
    await seed('Lucía Gómez', 'Initech', 'nw-7', 2 * day)
    await seed('Mateo Ruiz', 'Globex', 'nw-7', -1 * day)
    const spanish = await startAgencyPortal(portal, { initOptions: `locale: 'es-ES',` })
    const context = await portal.browser.newContext({ viewport: { width: 1100, height: 900 } })
    context.setDefaultTimeout(8_000)
    try {
      const page = await context.newPage()
      const problems: string[] = []
      page.on('pageerror', (e) => problems.push(e.message))
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text())
      })
      await page.goto(spanish.origin)
      const widget = page.locator('followthrough-widget')
      await widget.getByRole('tab', { name: 'Mis entrevistas' }).click()
      await expect.poll(() => names(widget)).toEqual(['Lucía Gómez', 'Mateo Ruiz'])

      const filters = widget.getByRole('search', { name: 'Filtrar entrevistas' })
      await filters.getByRole('searchbox', { name: 'Buscar' }).waitFor()
      expect(await filters.locator('label').allTextContents()).toEqual([
        'Buscar',
        'Cliente',
        'Estado',
        'Desde',
        'Hasta',
      ])
      expect(
        await filters.getByRole('combobox', { name: 'Estado' }).locator('option').allTextContents(),
      ).toEqual([
        'Todos',
        'Programada',
        'Sin notas aún',
        'Notas: algunas',
        'Notas: todas',
        'Sin correo',
        'Cancelada',
      ])
      const rows = widget.locator('.interviews > li')
      const upcoming = await rows.first().innerText()
      expect(upcoming).toContain('Próxima')
      expect(upcoming).toContain('Data Analyst en Initech')
      expect(upcoming).toContain('45 min · 2 entrevistadores')
      // the dates in Spanish too
      expect(upcoming).toMatch(/Correo de preparación el (lun|mar|mié|jue|vie|sáb|dom)/)
      expect(await rows.nth(1).getByRole('list', { name: 'Estado' }).innerText()).toContain(
        'Notas 0/2',
      )
      await expectNoAxeViolations(page, 'list in Spanish')
      expect((await sidewaysAt(page)).filter(([, px]) => px > 0)).toEqual([])
      await shoot(page, 'list-es')

      await widget.getByRole('button', { name: 'Detalles de Mateo Ruiz' }).click()
      let dialog = widget.getByRole('dialog', { name: 'Mateo Ruiz' })
      await dialog.getByRole('heading', { name: 'Cronología' }).waitFor()
      expect(await dialog.innerText()).toContain('Priya Natarajan: aún sin nota')
      await shoot(page, 'list-details-es-past', false)
      await dialog.getByRole('button', { name: 'Cerrar' }).click()
      await dialog.waitFor({ state: 'detached' })

      await widget.getByRole('button', { name: 'Detalles de Lucía Gómez' }).click()
      dialog = widget.getByRole('dialog', { name: 'Lucía Gómez' })
      for (const heading of ['Notas', 'Mensajes', 'Cronología', 'Acciones']) {
        await dialog.getByRole('heading', { name: heading }).waitFor()
      }
      expect(await dialog.locator('.timeline').innerText()).toContain(
        'Cierra el plazo de 24 horas para las notas (pendiente)',
      )
      await dialog.getByRole('button', { name: 'Reprogramar' }).waitFor()
      await dialog.getByRole('button', { name: 'Cancelar entrevista' }).click()
      await dialog
        .getByText(
          '¿Cancelar esta entrevista? Se detienen los mensajes pendientes y las estadísticas dejan de contarla.',
        )
        .waitFor()
      await dialog.getByRole('button', { name: 'Volver' }).waitFor()
      await expectNoAxeViolations(page, 'details in Spanish')
      expect((await sidewaysAt(page)).filter(([, px]) => px > 0)).toEqual([])
      await shoot(page, 'list-details-es', false)
      await dialog.getByRole('button', { name: 'Sí, cancelar entrevista' }).click()
      await dialog.getByText('Entrevista cancelada. Ya no se enviará nada más para ella.').waitFor()
      expect(await dialog.locator('.timeline').innerText()).toContain('Cancelada')
      await dialog.getByRole('button', { name: 'Cerrar' }).click()
      await expect.poll(() => rows.first().getByRole('list').innerText()).toBe('Cancelada')
      expect(problems).toEqual([])
    } finally {
      await context.close()
      await spanish.close()
    }
  })
})
