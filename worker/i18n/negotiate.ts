import { isLanguage, type Language } from './catalog'

/**
 * The language a browser asks for first among ours (Accept-Language, RFC 9110 §12.5.4), for a
 * page that knows nothing of its reader: a link that does not work. English when none matches.
 */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { primary: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked.map((entry) => entry.primary).find(isLanguage) ?? 'en'
}
