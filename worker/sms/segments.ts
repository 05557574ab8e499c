// How a text is split into SMS segments, as carriers count them (3GPP TS 23.038). A text whose
// every character is in the GSM 03.38 alphabet goes as GSM-7: 160 characters in one segment,
// 153 in each of several (the rest of each holds the header that joins them), and the characters
// of the extension table take two. Any other character sends the whole text as UCS-2: 70 UTF-16
// units in one segment, 67 in each of several, and a surrogate pair is never split.

const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const extension = '\f^{}\\[~]|€'

const gsmBasic = new Set(basic)
const gsmExtension = new Set(extension)

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SegmentCount {
  encoding: SmsEncoding
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  units: number
  segments: number
}

/** Whether every character of `text` can go as GSM-7. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!gsmBasic.has(char) && !gsmExtension.has(char)) return false
  return true
}

/** Cost of each character in the text's encoding: septets or UTF-16 units. */
function unitsOf(text: string, encoding: SmsEncoding): number[] {
  return [...text].map((char) =>
    encoding === 'UCS-2' ? char.length : gsmExtension.has(char) ? 2 : 1,
  )
}

/** Segments of `size` units, filled in order; a character's units stay together. */
function split(units: number[], size: number): number {
  let segments = 1
  let used = 0
  for (const cost of units) {
    if (used + cost > size) {
      segments += 1
      used = 0
    }
    used += cost
  }
  return segments
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2'
  const units = unitsOf(text, encoding)
  const total = units.reduce((sum, n) => sum + n, 0)
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67]
  if (total === 0) return { encoding, units: 0, segments: 0 }
  return { encoding, units: total, segments: total <= single ? 1 : split(units, multi) }
}
