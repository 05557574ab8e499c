import type { HTMLAttributes } from 'preact'
import { renderHtmlDocument } from '../lib/html-document'

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Preact's JSX types are extended
  namespace JSX {
    interface IntrinsicElements {
      'followthrough-widget': HTMLAttributes<HTMLElement>
    }
  }
}

/**
 * A stand-in for an agency's recruiter portal, embedding the widget exactly as README's
 * "Embedding the widget" shows, under a CSP as strict as a careful agency would set: nothing
 * inline, so the portal's own init code is a file too (portalScript).
 */
export const demoPortalCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"

/** The portal's own code: its backend mints a session for whoever is signed in to it. */
export const portalScript = `window.followthrough = window.followthrough || { q: [] }
followthrough.q.push([
  'init',
  {
    getSession: () =>
      fetch('/demo/session' + location.search, { method: 'POST' }).then((r) =>
        r.ok ? r.text() : Promise.reject(new Error('no session')),
      ),
  },
])
`

export const portalCss = `
*{box-sizing:border-box}
body{margin:0;background:#eef1f6;color:#222;font:16px/1.5 Georgia,'Times New Roman',serif}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.75rem 1.5rem;background:#23408e;color:#fff}
header a{color:#fff}
nav a{color:#dfe6f5;margin-right:1rem;text-decoration:none}
main{max-width:64rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
.intro{color:#444;margin:0 0 1.25rem}
footer{max-width:64rem;margin:0 auto;padding:0 1.5rem 2rem;color:#555;font-size:.85rem}
code{background:#fff;padding:0 .25rem}
`

export type DemoRole = 'manager' | 'recruiter'

export const demoRecruiters = {
  manager: { externalId: 'demo-manager', name: 'Dana Reyes', role: 'manager' },
  recruiter: { externalId: 'demo-recruiter', name: 'Sam Okafor', role: 'recruiter' },
} as const

export function renderDemoPortal(publishableKey: string, as: DemoRole): string {
  const me = demoRecruiters[as]
  const other: DemoRole = as === 'manager' ? 'recruiter' : 'manager'
  return renderHtmlDocument({
    title: 'Interviews · Brightpath Staffing recruiter portal',
    meta: { robots: 'noindex' },
    head: (
      <>
        {/* no favicon request, so no 404 in the console */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/demo/portal.css" />
      </>
    ),
    children: (
      <>
        <header>
          <strong>Brightpath Staffing · Recruiter portal</strong>
          <nav aria-label="Portal">
            <a href="/demo">Candidates</a>
            <a href="/demo">Jobs</a>
            <a href="/demo" aria-current="page">
              Interviews
            </a>
          </nav>
          <span>
            Signed in as {me.name} ({me.role}) ·{' '}
            <a href={other === 'manager' ? '/demo' : '/demo?as=recruiter'}>View as a {other}</a>
          </span>
        </header>
        <main>
          <h1>Interviews</h1>
          <p class="intro">
            Log each interview the moment it ends: the candidate gets coaching for their thank-you
            notes right away.
          </p>
          <script async src="/widget.js" data-key={publishableKey}></script>
          <followthrough-widget></followthrough-widget>
          <script src="/demo/portal.js"></script>
        </main>
        <footer>
          A demo portal, served only in development. The panel above is the Followthrough widget,
          embedded with one script tag under the CSP <code>{demoPortalCsp}</code>. Captured email is
          in the <a href="/dev/mailbox">dev mailbox</a>.
        </footer>
      </>
    ),
  })
}
