import { type Language, languageNames, languages } from './catalog'
import { de } from './de'
import { en, type Messages } from './en'
import { es } from './es'
import { fr } from './fr'
import { pl } from './pl'
import { pt } from './pt'

export { isLanguage, languages, type Language } from './catalog'
export type { Messages } from './en'

export const catalogs: Record<Language, Messages> = { en, es, fr, de, pt, pl }

export function messagesFor(language: Language): Messages {
  return catalogs[language]
}

/** The languages in the order the page's switch lists them, each named in itself. */
export const languageChoices = languages.map((code) => ({ code, name: languageNames[code] }))
