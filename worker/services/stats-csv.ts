import type { Stats, StatsFigures } from '../schemas/stats'

const csvColumns = [
  'scope',
  'key',
  'label',
  'interviews',
  'coached',
  'delivered',
  'pageOpened',
  'draftCopiedOrMailOpened',
  'sent',
  'onTime',
  'fullCoverage',
  'sendRate',
  'onTimeRate',
  'fullCoverageRate',
  'medianHoursToFirstNote',
] as const

/**
 * A text cell as a spreadsheet will read it: quoted when needed (RFC 4180), and with a leading '
 * when it starts like a formula, so a client named "=HYPERLINK(…)" stays text (OWASP CSV
 * injection). Numbers are ours, not user text, and are written as they are.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The same numbers as the JSON, one row per scope: agency, mine, each group, the baseline. */
export function statsToCsv(stats: Stats): string {
  const row = (scope: string, key: string | null, label: string, f: StatsFigures) => [
    scope,
    key,
    label,
    f.interviews,
    f.coached,
    f.funnel.delivered,
    f.funnel.pageOpened,
    f.funnel.draftCopiedOrMailOpened,
    f.funnel.sent,
    f.onTime,
    f.fullCoverage,
    f.sendRate,
    f.onTimeRate,
    f.fullCoverageRate,
    f.medianHoursToFirstNote,
  ]
  const rows: (string | number | null)[][] = [
    [...csvColumns],
    row('agency', null, 'All interviews', stats.totals),
    ...(stats.mine ? [row('mine', null, 'My interviews', stats.mine)] : []),
    ...Object.entries(stats.breakdowns).flatMap(([name, groups]) =>
      groups.map((g) => row(name, g.key, g.label, g)),
    ),
    csvColumns.map((column) =>
      column === 'scope'
        ? 'baseline'
        : column === 'label'
          ? stats.baseline.source
          : column === 'sendRate'
            ? stats.baseline.sendRate
            : null,
    ),
  ]
  return rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
