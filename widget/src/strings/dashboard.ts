/** "1 day", "30 days" */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The dashboard's words in English (they load with its chunk). */
export const dashboardEn = {
  range: 'Date range',
  from: 'From',
  to: 'To',
  refresh: 'Refresh',
  /** what `loading` says is on its way */
  figures: 'figures',
  noInterviews: 'No interviews in this range yet. Logged interviews show up here.',
  noneOfYours: 'None of your interviews fall in this range yet.',
  ratesByWeek: (mine: boolean): string => (mine ? 'Your rates by week' : 'Rates by week'),
  funnelTitle: (mine: boolean): string => (mine ? 'Your coaching funnel' : 'Coaching funnel'),
  byRecruiter: 'By recruiter',
  recruiter: 'Recruiter',
  byClient: (mine: boolean): string => (mine ? 'Your interviews by client' : 'By client'),
  client: 'Client',
  /** before a table's headers on a narrow card, where its rows stack */
  sortBy: 'Sort by',
  csv: 'Download CSV',
  /** the industry's send rate and the study it comes from (in the API's words) */
  baseline: (rate: string, source: string) => `Industry send rate ${rate}: ${source}.`,

  /** the rates, as the chart, its table and the tiles name them */
  rates: {
    sendRate: 'Send rate',
    onTimeRate: 'On time',
    fullCoverageRate: 'Every interviewer thanked',
  },
  /** the full-coverage rate where a table's column has little room */
  allThanked: 'All thanked',
  industrySendRate: 'Industry send rate',
  coached: 'Coached',
  /** "2 of 5 decided": what a rate rests on */
  ofDecided: (n: number, decided: number) => `${n} of ${decided} decided`,

  tiles: {
    /** the sentence above the tiles; `days` is the period before, when its figures came */
    period: (mine: boolean, dates: string, days?: number) =>
      `${mine ? 'Your figures' : "The agency's figures"}, ${dates}${days ? `; changes against the ${count(days, 'day')} before` : ''}.`,
    name: (mine: boolean): string => (mine ? 'Your figures' : 'Agency figures'),
    /** what a tile's change is against, for screen readers */
    against: (days: number) => `vs previous ${days === 1 ? 'day' : `${days} days`}`,
    noChange: 'no change',
    /** a rate's change in percentage points; the sign comes before */
    points: (n: number) => count(n, 'pt', 'pts'),
    faster: (time: string) => `${time} faster`,
    slower: (time: string) => `${time} slower`,
    /** interviews whose 24 hours are not over and have no note yet */
    open: (n: number) => `${n} still in their 24 hours.`,
    agency: (rate: string) => `Agency ${rate}`,
    industry: (rate: string) => `Industry ${rate}`,
    onTime: 'On time (24 h)',
    median: 'Median time to first note',
    withNote: (n: number) => `over ${n} with a note`,
    coached: 'Coached interviews',
    logged: (n: number) => `of ${n} logged`,
  },
  /** how long something took; the number comes formatted, days are 2 or more */
  duration: {
    minutes: (n: string) => `${n} min`,
    hours: (n: string) => `${n} h`,
    days: (n: string) => `${n} days`,
  },

  funnel: {
    caption: 'From coaching email to note',
    step: 'Step',
    interviews: 'Interviews',
    share: 'Share of coached',
    emailed: 'Coaching email sent',
    delivered: 'Delivered',
    opened: 'Page opened',
    drafted: 'Draft copied or mail app opened',
    sent: 'Note sent',
  },

  trend: {
    industry: (rate: string) => `Industry send rate ${rate}.`,
    /** a week's rates for screen readers: "2026-W47: Send rate 50%, On time 40%, … of 6 decided." */
    described: (week: string, rates: string, decided: number) =>
      `${week}: ${rates} of ${decided} decided.`,
    noWeeks: 'No weeks in this range.',
    asTable: 'The same as a table',
    week: 'Week',
  },

  breakdown: {
    /** for screen readers, after a flagged rate */
    below: (points: number) => `(${count(points, 'point')} below the agency)`,
    flagged: 'Well below the agency',
    flagRule: (points: number, decided: number) => `(${points}+ points, ${decided}+ decided)`,
    /** "send rate 10% (1 of 8) against 45%"; `rate` is the rate's name as in `rates` */
    flag: (rate: string, value: string, n: number, decided: number, agency: string) =>
      `${rate.toLowerCase()} ${value} (${n} of ${decided}) against ${agency}`,
  },

  outcomes: {
    title: (mine: boolean): string =>
      mine ? "Where the agency's candidates got" : 'Where candidates got',
    caption: 'Outcomes, with a note and without',
    interviews: 'Coached interviews',
    withOutcome: 'With an outcome',
    of: (n: number) => `of ${n}`,
    withNote: 'Note sent',
    withoutNote: 'No note',
    advanced: 'Advanced',
    offer: 'Offer',
    hired: 'Hired',
    caveat:
      'Shares of interviews with an outcome recorded. Candidates who send notes may differ in other ways too: this shows what goes together, not what causes what.',
  },

  systems: {
    title: 'Connected systems',
    none: 'No ATS is connected yet. Connect Bullhorn, Greenhouse, Lever or a signed webhook through the API, and interviews arrive by themselves.',
    webhook: 'Signed webhook',
    /** what a system has done; only the counts that are not zero are shown */
    created: (n: number) => `${n} added`,
    updated: (n: number) => `${n} updated`,
    canceled: (n: number) => `${n} canceled`,
    ignored: (n: number) => `${n} ignored`,
    written: (n: number) => `${count(n, 'note')} written back`,
    refused: (n: number) => `${count(n, 'write-back')} refused`,
    nothing: 'Nothing received yet',
    lastEvent: (when: string) => `Last event ${when}`,
    noEvent: 'No event yet',
    /** before the problem, in the system's own words */
    lastProblem: (when?: string) => `Last problem${when ? ` (${when})` : ''}:`,
  },
}
