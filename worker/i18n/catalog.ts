import { pluralRules } from '../lib/intl'

// The machinery every message catalog shares. A catalog is plain data (strings, plural forms and
// short lists), so the candidate page can ship its part to the browser as JSON and the same words
// are used on both sides.

/** The languages candidates are coached in, English first. */
export const languages = ['en', 'es', 'fr', 'de', 'pt', 'pl'] as const
export type Language = (typeof languages)[number]

/** Each language named in itself, as a language switch or a picker lists it. */
export const languageNames: Record<Language, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  pt: 'Português',
  pl: 'Polski',
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

/**
 * A message that depends on a count, one text per CLDR plural category the language uses
 * (English: one, other; Polish: one, few, many, other). `{count}` stands for the number.
 */
export interface Plural {
  zero?: string
  one?: string
  two?: string
  few?: string
  many?: string
  other: string
}

export function plural(forms: Plural): Plural {
  return forms
}

export type Params = Record<string, string | number>

const placeholder = /\{(\w+)\}/g

/** `{name}` placeholders filled in; an unknown one is left as written, so a test can see it. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(placeholder, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  )
}

/** The form of a plural message for this count in this language, filled in. */
export function pluralText(locale: string, forms: Plural, count: number, params: Params = {}) {
  const category = pluralRules(locale).select(count)
  return fill(forms[category] ?? forms.other, { count, ...params })
}

/** The placeholders a template uses, for the tests that compare catalogs. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]!).sort()
}

export type Part<T> = string | { strong: string } | T

/**
 * A template cut into its pieces: text, `**bold**` runs, and the values of placeholders whose
 * value is not text (an element, a link), in order. Emails and pages both render from this.
 */
export function parts<T>(template: string, values: Record<string, T | string | number> = {}) {
  const out: Part<T>[] = []
  for (const [index, run] of template.split('**').entries()) {
    const bold = index % 2 === 1
    for (const piece of run.split(/(\{\w+\})/)) {
      if (piece === '') continue
      const key = /^\{(\w+)\}$/.exec(piece)?.[1]
      const value = key !== undefined && key in values ? values[key]! : piece
      if (typeof value === 'string' || typeof value === 'number') {
        const text = String(value)
        const last = out.at(-1)
        if (bold) out.push({ strong: text })
        else if (typeof last === 'string') out[out.length - 1] = last + text
        else out.push(text)
      } else {
        out.push(value)
      }
    }
  }
  return mergeStrong(out)
}

/** adjacent bold runs (text and a filled placeholder inside one `**…**`) become one */
function mergeStrong<T>(pieces: Part<T>[]): Part<T>[] {
  const out: Part<T>[] = []
  for (const piece of pieces) {
    const last = out.at(-1)
    if (isStrong(piece) && last !== undefined && isStrong(last)) {
      out[out.length - 1] = { strong: last.strong + piece.strong }
    } else {
      out.push(piece)
    }
  }
  return out
}

function isStrong(value: unknown): value is { strong: string } {
  return typeof value === 'object' && value !== null && 'strong' in value
}

/** A template's text with `**` marks dropped and placeholders filled: for plain-text emails. */
export function plain(template: string, params: Params = {}): string {
  return fill(template.replaceAll('**', ''), params)
}

/** The first letter upper-cased, as a subject or a sentence starting with a filled value needs. */
export function capitalized(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1)
}
