import { renderPage } from './layout'

const css = `
ul{padding-left:1.2rem;margin:0 0 1rem}
li{margin-bottom:.4rem}
code{font-size:.9em}
`

/** What the worker's root answers: the product's name and where to go from here. */
export function renderHome({ development }: { development: boolean }): string {
  return renderPage({
    title: 'Followthrough',
    css,
    children: (
      <>
        <h1>Followthrough</h1>
        <p>Thank-you note coaching for candidates, embedded in a staffing agency's own portal.</p>
        <ul>
          {development && (
            <>
              <li>
                <a href="/demo">Demo portal</a>: the widget as an agency embeds it
              </li>
              <li>
                <a href="/dev/mailbox">Dev mailbox</a>: the emails captured locally
              </li>
            </>
          )}
          <li>
            <a href="/openapi.json">API document</a> <code>/openapi.json</code> (OpenAPI 3.1)
          </li>
          <li>
            <a href="/health">Health</a> <code>/health</code>
          </li>
        </ul>
      </>
    ),
  })
}
