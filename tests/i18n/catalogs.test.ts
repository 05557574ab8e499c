import { describe, expect, it } from 'vitest'
import { languageNames, placeholdersOf, type Plural } from '../../worker/i18n/catalog'
import { catalogs, languages } from '../../worker/i18n'
import { en } from '../../worker/i18n/en'
import { preferredLanguage } from '../../worker/i18n/negotiate'

// The typecheck already refuses a catalog with a missing or extra key; these check what types
// cannot: the same list lengths, no placeholder lost, every plural form a language needs, and the
// marks the code reads (**bold**, [blanks]) kept.

type Leaf = string | string[] | Plural | null

/** every message of a catalog by its path ("email.subject"), plural forms and lists as they are */
function leaves(value: unknown, path = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>()
  const isPlural = (v: object) =>
    'other' in v && Object.values(v).every((x) => typeof x === 'string')
  if (typeof value === 'string' || value === null || Array.isArray(value)) {
    out.set(path, value as Leaf)
  } else if (typeof value === 'object' && isPlural(value)) {
    out.set(path, value as Plural)
  } else {
    for (const [key, inner] of Object.entries(value as object)) {
      for (const [p, v] of leaves(inner, path ? `${path}.${key}` : key)) out.set(p, v)
    }
  }
  return out
}

/** the texts of a message: itself, each item of a list, each plural form */
const textsOf = (leaf: Leaf): string[] =>
  leaf === null ? [] : typeof leaf === 'string' ? [leaf] : Object.values(leaf)

const count = (text: string, mark: string) => text.split(mark).length - 1

const english = leaves(en)
const others = languages.filter((l) => l !== 'en')

describe.each(others)('the %s catalog', (language) => {
  const catalog = leaves(catalogs[language])

  it('has every message of the English one, and lists of the same length', () => {
    expect([...catalog.keys()].sort()).toEqual([...english.keys()].sort())
    for (const [path, leaf] of english) {
      if (Array.isArray(leaf))
        expect((catalog.get(path) as string[]).length, path).toBe(leaf.length)
    }
  })

  it('keeps every placeholder, bold run and [blank] of each message', () => {
    for (const [path, leaf] of english) {
      const theirs = catalog.get(path)!
      if (path === 'time.cityZone' || path.startsWith('meta.')) continue
      const items = Array.isArray(leaf) ? leaf.map((_, i) => i) : [null]
      for (const i of items) {
        const ours = i === null ? textsOf(leaf) : [(leaf as string[])[i]!]
        const translated = i === null ? textsOf(theirs) : [(theirs as string[])[i]!]
        const needed = new Set(ours.flatMap(placeholdersOf))
        const used = new Set(translated.flatMap(placeholdersOf))
        // a plural form may name the count where English's does not ("1 [blank]")
        used.delete('count')
        needed.delete('count')
        expect([...used].sort(), `${path} placeholders`).toEqual([...needed].sort())
        for (const text of translated) {
          expect(count(text, '**') % 2, `${path} bold runs closed`).toBe(0)
          expect(count(text, '**'), `${path} bold runs`).toBe(count(ours[0]!, '**'))
          expect(count(text, '['), `${path} [blanks]`).toBe(count(ours.at(-1)!, '['))
        }
      }
    }
  })

  it('has the plural form its language uses for every count', () => {
    const rules = new Intl.PluralRules(catalogs[language].meta.locale)
    for (const [path, leaf] of catalog) {
      if (leaf === null || typeof leaf !== 'object' || Array.isArray(leaf)) continue
      for (let n = 0; n <= 1000; n++) {
        const category = rules.select(n)
        expect(leaf[category], `${path} for ${n} (${category})`).toBeTypeOf('string')
      }
    }
  })

  it('formats with a locale Intl knows, and is named in itself', () => {
    const { locale } = catalogs[language].meta
    expect(Intl.DateTimeFormat.supportedLocalesOf([locale])).toEqual([locale])
    const ownName = new Intl.DisplayNames([locale], { type: 'language' }).of(language)!
    expect(languageNames[language].toLowerCase()).toBe(ownName.toLowerCase())
  })
})

describe('a page for a reader we know nothing of', () => {
  it.each([
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-GB,pl;q=0.5', 'en'],
    ['ja,de;q=0.7,fr;q=0.9', 'fr'],
    ['pt-BR', 'pt'],
    ['de;q=0,pl', 'pl'],
    ['', 'en'],
    [undefined, 'en'],
    ['*', 'en'],
  ])('Accept-Language %s reads %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected)
  })
})
