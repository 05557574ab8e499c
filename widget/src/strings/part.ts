import { merge, words, type LaterWords } from '../strings'

const merged = new Map<keyof LaterWords, unknown>()

/**
 * The words of a part loaded later, in the host's language: its English (which its chunk brings)
 * under what the language's catalog has for it. The language is settled before the widget first
 * draws, so each part is merged once.
 */
export function partWords<K extends keyof LaterWords>(part: K, english: LaterWords[K]) {
  if (!merged.has(part)) merged.set(part, merge(english, words()[part]))
  return merged.get(part) as LaterWords[K]
}
