import { csvLine, percent, type CsvValue } from '../lib/csv'
import type { Stats, StatsFigures } from '../schemas/stats'

/** The columns, headed for people; rates as percentages. */
const csvColumns = [
  'Scope',
  'ID',
  'Name',
  'Interviews',
  'Coached',
  'Email delivered',
  'Page opened',
  'Draft used',
  'Notes sent',
  'Sent on time',
  'Every interviewer thanked',
  'Still in the 24-hour window',
  'Send rate (%)',
  'On-time rate (%)',
  'Full-coverage rate (%)',
  'Median hours to first note',
  'Texts sent',
  'Texts delivered',
  'Texts failed',
]

const scopeNames: Record<string, string> = {
  agency: 'Agency',
  mine: 'Mine',
  week: 'Week',
  client: 'Client',
  recruiter: 'Recruiter',
  baseline: 'Industry baseline',
}

/**
 * The same numbers as the JSON, one row per scope: agency, mine, each group, the baseline. A
 * recruiter is named by the agency's own id for them (`recruiterIds`, from the internal id), so
 * the file joins with the agency's other records.
 */
export function statsToCsv(stats: Stats, recruiterIds: Map<string, string>): string {
  const row = (scope: string, key: string | null, label: string, f: StatsFigures) => [
    scopeNames[scope] ?? scope,
    scope === 'recruiter' && key ? (recruiterIds.get(key) ?? key) : key,
    label,
    f.interviews,
    f.coached,
    f.funnel.delivered,
    f.funnel.pageOpened,
    f.funnel.draftCopiedOrMailOpened,
    f.funnel.sent,
    f.onTime,
    f.fullCoverage,
    f.inWindow,
    percent(f.sendRate),
    percent(f.onTimeRate),
    percent(f.fullCoverageRate),
    f.medianHoursToFirstNote === null ? null : Math.round(f.medianHoursToFirstNote * 10) / 10,
    f.texts.sent,
    f.texts.delivered,
    f.texts.failed,
  ]
  const baseline: CsvValue[] = csvColumns.map(() => null)
  baseline[0] = scopeNames.baseline!
  baseline[2] = stats.baseline.source
  baseline[csvColumns.indexOf('Send rate (%)')] = percent(stats.baseline.sendRate)
  const rows: CsvValue[][] = [
    csvColumns,
    row('agency', null, 'All interviews', stats.totals),
    ...(stats.mine ? [row('mine', null, 'My interviews', stats.mine)] : []),
    ...Object.entries(stats.breakdowns).flatMap(([name, groups]) =>
      groups.map((g) => row(name, g.key, g.label, g)),
    ),
    baseline,
  ]
  return rows.map(csvLine).join('')
}
