import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { EventType, InterviewOutcome } from '../../db/schema'
import type { WidgetBuild } from '../../widget/build'
import { expectNoAxeViolations } from '../support/axe'
import { artifactsDir, describeInBrowser } from '../support/browser'
import { logInterview } from '../support/factories'
import { startDemoPortal, type DemoPortal } from './demo-portal'

const hour = 3_600_000
const day = 24 * hour

// Interviews are logged through the API, then moved back in time with their notes and page
// events written as the candidate page writes them (the API takes only recent interviews and
// stamps notes with the current time), as the stats tests do.
interface Arrangement {
  recruiter: string
  client: string
  daysAgo: number
  /** per interviewer: hours after the interview's end its note was marked sent, or null */
  notes: (number | null)[]
  events: EventType[]
  outcome?: InterviewOutcome
}

async function arrange(portal: DemoPortal, token: string, spec: Arrangement) {
  const { h } = portal
  const logged = await logInterview(h, token, {
    clientCompany: spec.client,
    interviewers: spec.notes.map((_, i) => ({ name: `Interviewer ${i + 1}` })),
  })
  for (let tries = 0; ; tries++) {
    const email = await h.db
      .selectFrom('emails')
      .select('state')
      .where('interview_id', '=', logged.id)
      .where('kind', '=', 'coaching')
      .executeTakeFirst()
    if (email?.state === 'captured') break
    if (tries > 100) throw new Error(`coaching email stuck in ${email?.state}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const endsAt = new Date(Date.now() - spec.daysAgo * day)
  const row = await h.db
    .updateTable('interviews')
    .set({
      starts_at: new Date(endsAt.getTime() - 45 * 60_000),
      ends_at: endsAt,
      outcome: spec.outcome ?? null,
      outcome_at: spec.outcome ? new Date() : null,
    })
    .where('id', '=', logged.id)
    .returning('agency_id')
    .executeTakeFirstOrThrow()
  for (const type of spec.events) {
    await h.db
      .insertInto('events')
      .values({ agency_id: row.agency_id, interview_id: logged.id, type, occurred_at: endsAt })
      .execute()
  }
  for (const [position, after] of spec.notes.entries()) {
    if (after === null) continue
    await h.db
      .updateTable('interviewers')
      .set({ note_sent_at: new Date(endsAt.getTime() + after * hour) })
      .where('interview_id', '=', logged.id)
      .where('position', '=', position)
      .execute()
  }
}

/**
 * Three recruiters over the last 30 days and the 30 before: Rita thanks everyone within hours,
 * Lee thanks one of two interviewers, Sam Okafor (the demo portal's recruiter) rarely sends.
 */
async function seed(portal: DemoPortal) {
  const sessions: Record<string, string> = {}
  for (const [externalId, name] of [
    ['rita', 'Rita Gomez'],
    ['lee', 'Lee Chen'],
    ['demo-recruiter', 'Sam Okafor'],
  ] as const) {
    const res = await portal.h.request('POST', '/v1/sessions', {
      token: portal.secretKey,
      json: { recruiter: { externalId, name, role: 'recruiter' } },
    })
    expect(res.status, res.text).toBe(201)
    sessions[externalId] = res.body.token
  }
  const clients = ['Globex', 'Initech', 'Umbrella Health', 'Globex']
  const specs: [string, Arrangement][] = []
  for (let i = 0; i < 36; i++) {
    const who = ['rita', 'lee', 'demo-recruiter'][i % 3]!
    const earlier = i >= 24
    const notes: (number | null)[] =
      who === 'rita'
        ? [3, earlier ? null : 5]
        : who === 'lee'
          ? [20 + (i % 5) * 4, null]
          : i % 6 === 2
            ? [40, null]
            : [null, null]
    const sent = notes.some((n) => n !== null)
    specs.push([
      who,
      {
        recruiter: who,
        client: clients[i % 4]!,
        daysAgo: earlier ? 32 + (i - 24) * 2 : 1 + i,
        notes,
        events: [
          'delivered',
          ...(sent || i % 2 ? (['page_opened'] as const) : []),
          ...(sent ? (['copied'] as const) : []),
        ],
        outcome: earlier
          ? undefined
          : ([undefined, 'advanced', 'rejected', 'offer'] as const)[i % 4],
      },
    ])
  }
  for (const [who, spec] of specs) await arrange(portal, sessions[who]!, spec)
}

describeInBrowser('the dashboard in Chromium, from a phone to a desktop', () => {
  let portal: DemoPortal
  beforeAll(async () => {
    portal = await startDemoPortal()
    await seed(portal)
  }, 120_000)
  afterAll(async () => {
    await portal?.close()
  })

  for (const as of ['manager', 'recruiter'] as const) {
    it(`fits every width without sideways scrolling and passes axe, for a ${as}`, async () => {
      for (const width of [360, 390, 768, 1280]) {
        const { page, widget, problems } = await portal.open(
          as === 'manager' ? '/demo' : '/demo?as=recruiter',
        )
        await page.setViewportSize({ width, height: 900 })
        await widget.getByRole('tab', { name: 'Dashboard' }).click()
        const send = widget.locator('.tile', { hasText: 'Send rate' })
        // the change against the previous period comes in the same request
        await widget.getByText('changes against the 30 days before').waitFor()
        expect(await send.locator('.change').textContent()).toMatch(
          /^(no change|[+−]\d+ pts?) vs previous 30 days$/,
        )
        await widget.getByRole('img', { name: 'Rates by week' }).waitFor()

        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `no sideways scroll at ${width} px`,
        ).toBe(true)
        // chart labels keep their size: the chart is drawn at its own width, never scaled down
        const chart = await widget.locator('svg.chart').evaluate((svg) => ({
          drawn: Number(svg.getAttribute('width')),
          shown: svg.getBoundingClientRect().width,
          smallest: Math.min(
            ...[...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect().height),
          ),
        }))
        expect(Math.abs(chart.drawn - chart.shown)).toBeLessThan(1)
        expect(chart.smallest).toBeGreaterThanOrEqual(11)

        const median = await widget
          .locator('.tile', { hasText: 'Median time to first note' })
          .locator('.big')
          .textContent()
        expect(median).toMatch(/^\d+(\.\d)? (min|h|days)$/)
        expect(await send.innerText()).toMatch(/\d+ of \d+ decided/)
        const funnel = widget.getByRole('table', { name: 'From coaching email to note' })
        expect(await funnel.getByRole('row', { name: /^Delivered/ }).innerText()).toMatch(/100%/)

        if (as === 'manager') {
          // Sam Okafor sends far less than the agency, over enough interviews to say so
          const flags = widget.locator('.flags').first()
          expect(await flags.innerText()).toMatch(/Sam Okafor: send rate \d+% \(\d of 8\) against/)
          await widget.getByRole('table', { name: 'Outcomes, with a note and without' }).waitFor()
        } else {
          expect(await send.innerText()).toMatch(/Agency \d+%/)
          // outcomes are counted for the whole agency, and say so
          await widget.getByRole('heading', { name: "Where the agency's candidates got" }).waitFor()
        }

        await page.screenshot({
          path: path.join(artifactsDir, `dashboard-${as}-${width}.png`),
          fullPage: true,
        })
        // the chart's figures as a table, with the sample behind each week
        await widget.getByText('The same as a table').click()
        const weeks = widget.getByRole('table', { name: 'Rates by week' })
        expect(await weeks.getByRole('row').count()).toBeGreaterThanOrEqual(5)
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `no sideways scroll at ${width} px with the weekly table open`,
        ).toBe(true)
        await widget.locator('figure.trend').screenshot({
          path: path.join(artifactsDir, `dashboard-weeks-${as}-${width}.png`),
        })
        await expectNoAxeViolations(page, `${as} at ${width} px`)
        expect(problems).toEqual([])
        await portal.closePages()
      }
      // four widths, each opened afresh and checked by axe
    }, 90_000)
  }
  it('reads in Spanish for a host whose locale is es-ES, from a phone to a desktop', async () => {
    for (const width of [390, 1280]) {
      const context = await portal.browser.newContext({ viewport: { width, height: 900 } })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('pageerror', (e) => problems.push(e.message))
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text())
      })
      // the demo portal's init, with the locale a host page passes
      await page.route('**/demo/portal.js', async (route) => {
        const res = await route.fetch()
        const script = (await res.text()).replace('getSession:', "locale: 'es-ES', getSession:")
        await route.fulfill({ response: res, body: script })
      })
      await page.goto(new URL('/demo', portal.h.baseUrl).href)
      const widget = page.locator('followthrough-widget')
      await widget.getByRole('tab', { name: 'Panel' }).click()
      await widget
        .locator('.period', { hasText: 'cambios frente a los 30 días anteriores' })
        .waitFor()
      expect(await widget.locator('.ft').getAttribute('lang')).toBe('es')

      expect(await widget.locator('.tile .label').allTextContents()).toEqual([
        'Tasa de envío',
        'A tiempo (24 h)',
        'Nota a todos los entrevistadores',
        'Mediana hasta la primera nota',
        'Entrevistas con guía',
      ])
      const send = widget.locator('.tile', { hasText: 'Tasa de envío' })
      expect(await send.innerText()).toMatch(/\d+ de \d+ ya definidas/)
      expect(await send.locator('.change').textContent()).toMatch(
        /^(sin cambios|[+−]\d+ puntos?) frente a los 30 días anteriores$/,
      )
      const median = await widget
        .locator('.tile', { hasText: 'Mediana hasta la primera nota' })
        .locator('.big')
        .textContent()
      expect(median).toMatch(/^\d+(,\d)? (min|h|días)$/)

      const funnel = widget.getByRole('table', { name: 'Del correo con la guía a la nota' })
      expect(await funnel.getByRole('row', { name: /^Entregado/ }).innerText()).toMatch(/100%/)
      await widget.getByRole('img', { name: 'Tasas por semana' }).waitFor()
      const recruiters = widget.getByRole('table', { name: 'Por reclutador' })
      await recruiters.getByRole('columnheader', { name: 'Nota a todos' }).waitFor()
      // what a narrow card shows before the headers
      expect(await recruiters.locator('thead tr').getAttribute('data-sort-by')).toBe('Ordenar por')
      expect(await widget.locator('.flags').first().innerText()).toMatch(
        /Muy por debajo de la agencia[\s\S]*Sam Okafor: tasa de envío \d+% \(\d de 8\) frente a/,
      )
      await widget.getByRole('button', { name: 'Descargar CSV Por cliente' }).waitFor()
      await widget.getByRole('table', { name: 'Resultados, con nota y sin ella' }).waitFor()
      await widget.getByRole('heading', { name: 'Sistemas conectados' }).waitFor()
      await widget.getByText('Lo mismo en una tabla').click()
      await widget.getByRole('table', { name: 'Tasas por semana' }).waitFor()

      // none of the dashboard's own English is left (the baseline's source is the API's)
      const shown = await widget.locator('.dash').innerText()
      for (const english of ['Send rate', 'decided', 'Download', 'Refresh', 'Coached', 'days'])
        expect(shown).not.toContain(english)
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        `no sideways scroll at ${width} px`,
      ).toBe(true)
      await page.screenshot({
        path: path.join(artifactsDir, `dashboard-es-${width}.png`),
        fullPage: true,
      })
      await expectNoAxeViolations(page, `Spanish at ${width} px`)
      expect(problems).toEqual([])
      await context.close()
    }
  })

  it('says so when its chunk cannot be fetched, and fetches it again on request', async () => {
    const { page, widget } = await portal.open()
    let asked = 0
    await page.route(/\/widget-dashboard\.\w+\.js$/, (route) =>
      asked++ === 0 ? route.abort('connectionfailed') : route.continue(),
    )
    await widget.getByRole('tab', { name: 'Dashboard' }).click()
    await widget.getByText('The dashboard could not be loaded.').waitFor()
    await widget.getByRole('button', { name: 'Try again' }).click()
    await widget.getByRole('table', { name: 'By recruiter' }).waitFor()
    expect(asked).toBe(2)
    await portal.closePages()
  })

  it('is served to any origin under names browsers may keep for good', async () => {
    const meta: WidgetBuild = JSON.parse(
      readFileSync(path.resolve('dist/widget.meta.json'), 'utf8'),
    )
    for (const file of [...meta.startup, ...meta.lazy['widget/src/components/dashboard.tsx']!]) {
      const res = await fetch(`${portal.h.baseUrl}/${file}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/javascript/)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
    // the one name agencies embed is asked for afresh
    const loader = await fetch(`${portal.h.baseUrl}/widget.js`)
    expect(loader.headers.get('cache-control')).not.toMatch(/immutable/)
  })
})
