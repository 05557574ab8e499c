// No zod here: the widget imports these and its bundle must stay small.

/** What an interview may be: the API checks them, and the widget's form says so before sending. */
export const interviewLimits = {
  minMinutes: 5,
  maxMinutes: 480,
  /** logged at most this many days after it started (a note would come too late after) */
  latestPastDays: 14,
  /** or scheduled at most this many days ahead */
  furthestAheadDays: 180,
  /** a thank-you note is on time within this many hours of the interview's end */
  noteWindowHours: 24,
} as const
