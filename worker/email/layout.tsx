import type { ComponentChildren } from 'preact'
import { renderHtmlDocument } from '../lib/html-document'
import { fill } from '../i18n/catalog'
import { httpUrl, safeColor, textColorOn } from './format'

// An email is described once as blocks, then laid out twice: as HTML for mail clients and as
// plain text for everything else, so the two parts can never say different things.

export type Inline = string | { strong: string }

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: Inline[] }
  /** The one line the reader must not miss (the deadline), set off in the accent colour. */
  | { kind: 'callout'; text: Inline[] }
  | { kind: 'list'; title: string; items: string[] }
  | { kind: 'button'; label: string; href: string }
  | { kind: 'signoff'; lines: string[] }

export interface EmailContent {
  /** the language it is written in, for <html lang> */
  language: string
  /** Shown by inbox lists next to the subject; never visible in the opened email. */
  preheader: string
  blocks: Block[]
  brand: { agencyName: string; logoUrl: string | null; primaryColor: string; accentColor: string }
  footer: {
    reason: string
    /** the link's text in the HTML part */
    unsubscribeLabel: string
    /** the plain-text part's line, with `{url}` */
    unsubscribeLine: string
    unsubscribeUrl: string
  }
}

// The agency defaults, used if a stored colour is somehow not #rrggbb.
const defaultPrimary = '#1f4f8f'
const defaultAccent = '#0f7b5f'

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
const ink = '#1a1a1a'
const muted = '#5f6368'

function requireHttpUrl(value: string, what: string): string {
  const url = httpUrl(value)
  // Both links are built by the worker; sending without the button or the unsubscribe link
  // would be worse than not sending, so a bad one fails loudly.
  if (!url) throw new Error(`The ${what} must be an http(s) URL.`)
  return url
}

function InlineText({ text }: { text: Inline[] }) {
  return (
    <>{text.map((part) => (typeof part === 'string' ? part : <strong>{part.strong}</strong>))}</>
  )
}

function Row({
  children,
  padding = '0 0 16px',
}: {
  children: ComponentChildren
  padding?: string
}) {
  return (
    <tr>
      <td style={{ padding, fontFamily: font, fontSize: '16px', lineHeight: '1.5', color: ink }}>
        {children}
      </td>
    </tr>
  )
}

function Button({ label, href, color }: { label: string; href: string; color: string }) {
  return (
    <table role="presentation" cellPadding="0" cellSpacing="0" style={{ margin: '8px 0' }}>
      <tr>
        <td style={{ backgroundColor: color, borderRadius: '6px', textAlign: 'center' }}>
          <a
            href={href}
            style={{
              display: 'inline-block',
              padding: '14px 28px',
              fontFamily: font,
              fontSize: '17px',
              fontWeight: 'bold',
              lineHeight: '1.2',
              color: textColorOn(color),
              textDecoration: 'none',
              borderRadius: '6px',
            }}
          >
            {label}
          </a>
        </td>
      </tr>
    </table>
  )
}

function BlockRow({ block, primary, accent }: { block: Block; primary: string; accent: string }) {
  switch (block.kind) {
    case 'heading':
      return (
        <Row>
          <h1 style={{ margin: 0, fontSize: '22px', lineHeight: '1.3', color: ink }}>
            {block.text}
          </h1>
        </Row>
      )
    case 'paragraph':
      return (
        <Row>
          <InlineText text={block.text} />
        </Row>
      )
    case 'callout':
      return (
        <Row>
          <div style={{ borderLeft: `4px solid ${accent}`, padding: '8px 0 8px 14px', color: ink }}>
            <InlineText text={block.text} />
          </div>
        </Row>
      )
    case 'list':
      return (
        <Row>
          <div style={{ fontWeight: 'bold', color: accent }}>{block.title}</div>
          <ul style={{ margin: '6px 0 0', paddingLeft: '20px' }}>
            {block.items.map((item) => (
              <li style={{ margin: '0 0 6px' }}>{item}</li>
            ))}
          </ul>
        </Row>
      )
    case 'button':
      return (
        <Row padding="4px 0 20px">
          <Button
            label={block.label}
            href={requireHttpUrl(block.href, 'button link')}
            color={primary}
          />
        </Row>
      )
    case 'signoff':
      return (
        <Row>
          {block.lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </Row>
      )
  }
}

function EmailBody({ content }: { content: EmailContent }) {
  const { brand, footer } = content
  const primary = safeColor(brand.primaryColor, defaultPrimary)
  const accent = safeColor(brand.accentColor, defaultAccent)
  const logoUrl = httpUrl(brand.logoUrl)
  const unsubscribeUrl = requireHttpUrl(footer.unsubscribeUrl, 'unsubscribe link')
  return (
    <>
      <div
        style={{
          display: 'none',
          maxHeight: 0,
          overflow: 'hidden',
          opacity: 0,
          fontSize: '1px',
          lineHeight: '1px',
          color: '#f4f5f7',
          msoHide: 'all',
        }}
      >
        {content.preheader}
      </div>
      <table
        role="presentation"
        width="100%"
        cellPadding="0"
        cellSpacing="0"
        style={{ backgroundColor: '#f4f5f7' }}
      >
        <tr>
          <td style={{ padding: '24px 12px' }}>
            <table
              role="presentation"
              width="100%"
              cellPadding="0"
              cellSpacing="0"
              style={{
                maxWidth: '560px',
                margin: '0 auto',
                backgroundColor: '#ffffff',
                borderTop: `4px solid ${accent}`,
                borderRadius: '6px',
              }}
            >
              <tr>
                <td style={{ padding: '24px 24px 8px' }}>
                  <table role="presentation" width="100%" cellPadding="0" cellSpacing="0">
                    <Row padding="0 0 20px">
                      {logoUrl ? (
                        <img
                          src={logoUrl}
                          alt={brand.agencyName}
                          height="40"
                          style={{ display: 'block', height: '40px', width: 'auto', border: 0 }}
                        />
                      ) : (
                        <strong style={{ fontSize: '18px', color: accent }}>
                          {brand.agencyName}
                        </strong>
                      )}
                    </Row>
                    {content.blocks.map((block) => (
                      <BlockRow block={block} primary={primary} accent={accent} />
                    ))}
                  </table>
                </td>
              </tr>
            </table>
            <table
              role="presentation"
              width="100%"
              cellPadding="0"
              cellSpacing="0"
              style={{ maxWidth: '560px', margin: '0 auto' }}
            >
              <tr>
                <td
                  style={{
                    padding: '16px 24px',
                    fontFamily: font,
                    fontSize: '13px',
                    lineHeight: '1.5',
                    color: muted,
                  }}
                >
                  <strong>{brand.agencyName}</strong>
                  <br />
                  {footer.reason}{' '}
                  <a href={unsubscribeUrl} style={{ color: muted, textDecoration: 'underline' }}>
                    {footer.unsubscribeLabel}
                  </a>
                </td>
              </tr>
            </table>
          </td>
        </tr>
      </table>
    </>
  )
}

export function renderHtml(content: EmailContent): string {
  return renderHtmlDocument({
    title: content.brand.agencyName,
    lang: content.language,
    meta: { 'color-scheme': 'light' },
    bodyStyle: { margin: 0, padding: 0, backgroundColor: '#f4f5f7' },
    children: <EmailBody content={content} />,
  })
}

function plain(text: Inline[]): string {
  return text.map((part) => (typeof part === 'string' ? part : part.strong)).join('')
}

export function renderText(content: EmailContent): string {
  const sections = content.blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return block.text
      case 'paragraph':
      case 'callout':
        return plain(block.text)
      case 'list':
        return [block.title, ...block.items.map((item) => `- ${item}`)].join('\n')
      case 'button':
        return `${block.label}:\n${requireHttpUrl(block.href, 'button link')}`
      case 'signoff':
        return block.lines.join('\n')
    }
  })
  const unsubscribeUrl = requireHttpUrl(content.footer.unsubscribeUrl, 'unsubscribe link')
  const footer = [
    '-- ',
    content.brand.agencyName,
    content.footer.reason,
    fill(content.footer.unsubscribeLine, { url: unsubscribeUrl }),
  ].join('\n')
  return `${[...sections, footer].join('\n\n')}\n`
}
