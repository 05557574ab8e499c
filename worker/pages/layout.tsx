import type { ComponentChildren } from 'preact'
import { renderHtmlDocument } from '../lib/html-document'

/**
 * Candidate pages run no script and load nothing: styles are one inline block, forms post back
 * to us, and no other site may frame them. Links in them carry personal tokens, so they are
 * never cached, indexed or leaked through a Referer.
 */
export const pageHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
  'X-Content-Type-Options': 'nosniff',
}

const baseCss = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1a1a1a;font:17px/1.5 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
main{max-width:34rem;margin:0 auto;padding:2rem 1.25rem}
.card{background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.4rem;line-height:1.3;margin:0 0 .75rem}
p{margin:0 0 1rem}
.muted{color:#5f6368;font-size:.9rem}
button{font:inherit;font-weight:600;border:0;border-radius:6px;padding:.8rem 1.4rem;cursor:pointer;width:100%}
`

export interface DocumentProps {
  title: string
  /** the language it is written in (BCP 47); English unless said */
  lang?: string
  /** the page's whole stylesheet; built by us, never from user text */
  css: string
  /** a script of our own origin, run once the page is parsed */
  script?: string
  /** what goes in <body> */
  children: ComponentChildren
}

/** A whole HTML document: every candidate page is one. */
export function renderDocument({ title, lang, css, script, children }: DocumentProps): string {
  return renderHtmlDocument({
    title,
    lang,
    meta: { robots: 'noindex' },
    head: (
      <>
        {/* raw, because text children would be escaped and break CSS like `>` selectors */}
        <style dangerouslySetInnerHTML={{ __html: css }} />
        {script && <script src={script} defer />}
      </>
    ),
    children,
  })
}

export interface PageProps {
  title: string
  lang?: string
  /** extra rules after the base ones; built by us, never from user text */
  css?: string
  children: ComponentChildren
}

/** A short page of one card (unsubscribe, a link that does not work); send it with `pageHeaders`. */
export function renderPage({ title, lang, css = '', children }: PageProps): string {
  return renderDocument({
    title,
    lang,
    css: baseCss + css,
    children: (
      <main>
        <div class="card">{children}</div>
      </main>
    ),
  })
}
