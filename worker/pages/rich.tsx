import type { ComponentChildren, VNode } from 'preact'
import { parts } from '../i18n/catalog'

/**
 * A catalog message on a page: placeholders filled with text or elements (a link, a deadline the
 * script rewrites) and `**bold**` runs in <strong>, in the order the language puts them.
 */
export function Rich({
  text,
  values = {},
}: {
  text: string
  values?: Record<string, VNode | string | number>
}): ComponentChildren {
  return parts<VNode>(text, values).map((piece) =>
    typeof piece === 'object' && 'strong' in piece ? <strong>{piece.strong}</strong> : piece,
  )
}
