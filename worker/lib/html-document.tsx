import type { ComponentChildren, CSSProperties } from 'preact'
import { renderToStaticMarkup } from 'preact-render-to-string'

export interface HtmlDocumentProps {
  title: string
  /** the language it is written in (BCP 47); English unless said */
  lang?: string
  /** `<meta name content>` pairs after the charset and viewport, in this order */
  meta: Record<string, string>
  /** the rest of <head>, after the title */
  head?: ComponentChildren
  bodyStyle?: CSSProperties
  /** what goes in <body> */
  children: ComponentChildren
}

/**
 * A whole HTML document, doctype first, in its language and laid out for the device's width: every
 * page and email the worker renders is one.
 */
export function renderHtmlDocument({
  title,
  lang = 'en',
  meta,
  head,
  bodyStyle,
  children,
}: HtmlDocumentProps): string {
  return `<!doctype html>${renderToStaticMarkup(
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {Object.entries(meta).map(([name, content]) => (
          <meta name={name} content={content} />
        ))}
        <title>{title}</title>
        {head}
      </head>
      <body style={bodyStyle}>{children}</body>
    </html>,
  )}`
}
