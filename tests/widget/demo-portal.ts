import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Locator } from 'playwright-core'
import { expect } from 'vitest'
import { createAgency } from '../../worker/services/agencies'
import { launchBrowser } from '../support/browser'
import { startHarness, type Harness } from '../support/harness'

export interface DemoPortal {
  h: Harness
  browser: Browser
  secretKey: string
  publishableKey: string
  /**
   * Opens a portal page, collecting console errors and CSP violations as `problems`. Chrome logs
   * every 4xx as an error without its URL, so those are collected from the responses instead.
   */
  open(portalPath?: string): ReturnType<typeof openPortal>
  /** closes the pages opened so far */
  closePages(): Promise<void>
  close(): Promise<void>
}

/**
 * The worker in development mode with the demo portal set up for a fresh agency (the demo
 * bindings name it, so it is made in the database before the worker starts), and Chromium.
 */
export async function startDemoPortal(): Promise<DemoPortal> {
  let secretKey = ''
  let publishableKey = ''
  const h = await startHarness(async ({ db }) => {
    const created = await db.transaction().execute((trx) =>
      createAgency(trx, {
        name: 'Brightpath Staffing',
        timeZone: 'Europe/London',
        branding: { primaryColor: '#23408e', accentColor: '#0f7b5f' },
      }),
    )
    secretKey = created.secretKey.key!
    publishableKey = created.publishableKey.key!
    return {
      ENVIRONMENT: 'development',
      DEMO_SECRET_KEY: secretKey,
      DEMO_PUBLISHABLE_KEY: publishableKey,
    }
  })
  // the portal's origin is known once the worker listens
  const res = await h.request('PATCH', '/v1/agency', {
    token: secretKey,
    json: { allowedOrigins: [h.baseUrl] },
  })
  expect(res.status, res.text).toBe(200)
  const browser = await launchBrowser()
  const contexts: BrowserContext[] = []
  return {
    h,
    browser,
    secretKey,
    publishableKey,
    async open(portalPath = '/demo') {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
      contexts.push(context)
      return openPortal(h, context, portalPath)
    },
    async closePages() {
      await Promise.all(contexts.splice(0).map((c) => c.close()))
    },
    async close() {
      await browser.close()
      await h.close()
    },
  }
}

async function openPortal(h: Harness, context: BrowserContext, portalPath: string) {
  // fail with the locator that did not show up, well before the test's own timeout
  context.setDefaultTimeout(8_000)
  const page = await context.newPage()
  const problems: string[] = []
  /** the widget's own scripts as the page asked for them, by file name */
  const scripts: string[] = []
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.slice(1)
    if (/^widget[.-].*js$/.test(file)) scripts.push(file)
  })
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(m.text())
    }
  })
  page.on('response', (r) => {
    if (r.status() >= 400) {
      problems.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`)
    }
  })
  page.on('pageerror', (e) => problems.push(e.message))
  await page.addInitScript(() =>
    document.addEventListener(
      'securitypolicyviolation',
      (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      true,
    ),
  )
  const res = await page.goto(new URL(portalPath, h.baseUrl).href)
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'")
  const widget = page.locator('followthrough-widget')
  await widget.getByLabel('Candidate name').waitFor()
  return { page, widget, problems, scripts }
}

export const sendRate = (widget: Locator) =>
  widget.locator('.tile', { hasText: 'Send rate' }).locator('.big').textContent()

/** Fills the whole form (two interviewers, started two hours ago) and submits it. */
export async function logInterview(widget: Locator, candidate: string, email: string) {
  await widget.getByRole('tab', { name: 'Log interview' }).click()
  await widget.getByLabel('Candidate name').fill(candidate)
  await widget.getByLabel('Candidate email').fill(email)
  await widget.getByLabel('Role', { exact: true }).fill('Senior Data Analyst')
  await widget.getByLabel('Client', { exact: true }).fill('Globex')
  // the browser runs in this process's time zone
  const start = new Date(Date.now() - 2 * 3600_000 - new Date().getTimezoneOffset() * 60_000)
  await widget.getByLabel('Started at').fill(start.toISOString().slice(0, 16))
  await widget.getByLabel('Interviewer 1 Name').fill('Priya Natarajan')
  await widget.getByRole('button', { name: 'Add interviewer' }).click()
  await widget.getByLabel('Interviewer 2 Name').fill('Tom Becker')
  await widget.getByLabel('Talking points').fill('Migrating the reporting stack to dbt.')
  await widget.getByRole('button', { name: 'Log interview and email candidate' }).click()
}

/** The candidate page link in the first captured email, on the test worker. */
export async function coachingLink(h: Harness): Promise<string> {
  let id: string | undefined
  await expect
    .poll(async () => {
      const res = await fetch(`${h.baseUrl}/dev/mailbox`)
      id = (await res.text()).match(/\/dev\/mailbox\/([0-9a-f-]{36})\.html/)?.[1]
      return id
    })
    .toBeDefined()
  const html = await (await fetch(`${h.baseUrl}/dev/mailbox/${id}.html`)).text()
  const href = html.match(/href="https?:\/\/[^/"]+(\/c\/[A-Za-z0-9_-]+)"/)?.[1]
  expect(href, 'the coaching email links to the candidate page').toBeDefined()
  return h.baseUrl + href
}

/**
 * An agency's own portal on another origin (another port of loopback: Chromium lets a plain-http
 * page reach loopback only from loopback): a page embedding the widget exactly as README shows,
 * under a CSP that allows nothing but itself and the widget's origin, and the backend route that
 * mints the session with the agency's secret key.
 */
export async function startAgencyPortal(
  portal: DemoPortal,
  /** more of `init`'s options (source text), and script run before it */
  host: { initOptions?: string; before?: string } = {},
) {
  const widgetOrigin = portal.h.baseUrl
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${widgetOrigin}`,
    `style-src ${widgetOrigin}`,
    `connect-src 'self' ${widgetOrigin}`,
    'img-src data:',
  ].join('; ')
  const page = `<!doctype html><html lang="en"><head><title>Northwind portal</title>
<link rel="icon" href="data:,"></head><body><main><h1>Interviews</h1>
<script async src="${widgetOrigin}/widget.js" data-key="${portal.publishableKey}"></script>
<followthrough-widget></followthrough-widget>
<script src="/portal.js"></script></main></body></html>`
  const script = `window.followthrough = window.followthrough || { q: [] }
${host.before ?? ''}
followthrough.q.push(['init', {
  getSession: () => fetch('/my/ft-session').then((r) => r.text()), ${host.initOptions ?? ''}
}])`

  const server = createServer(async (req, res) => {
    if (req.url === '/portal.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script)
    } else if (req.url === '/my/ft-session') {
      const minted = await portal.h.request('POST', '/v1/sessions', {
        token: portal.secretKey,
        json: { recruiter: { externalId: 'nw-7', name: 'Nia Wong' } },
      })
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(minted.body.token)
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': csp }).end(page)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const res = await portal.h.request('PATCH', '/v1/agency', {
    token: portal.secretKey,
    json: { allowedOrigins: [widgetOrigin, origin] },
  })
  expect(res.status, res.text).toBe(200)
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) }
}
