// CSV as spreadsheets read it (RFC 4180, CRLF line ends), shared by every export.

export type CsvValue = string | number | null

/**
 * A cell: quoted when needed, and with a leading ' when it starts like a formula, so a client
 * named "=HYPERLINK(…)" stays text (OWASP CSV injection). Numbers are ours, not user text, and are
 * written as they are.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const csvLine = (cells: CsvValue[]) => `${cells.map(csvCell).join(',')}\r\n`

/** A rate (0–1) as a percentage with one decimal, for a column headed "(%)"; empty when null. */
export const percent = (rate: number | null) =>
  rate === null ? null : Math.round(rate * 1000) / 10
