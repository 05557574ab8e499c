// The one study the product cites to candidates and in its stats baseline, so the email, the
// page and the dashboard never quote different figures.

export const thankYouEvidence = {
  source: 'Accountemps (Robert Half) survey of hiring managers, 2017',
  /** applicants they heard from: the industry's send rate */
  sendRate: 0.24,
  /** the same, as a sentence for candidates */
  sentence:
    'In a 2017 Accountemps survey, 80% of hiring managers said thank-you notes count when they decide, yet only 24% of applicants sent one.',
} as const
