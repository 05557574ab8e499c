/** A thank-you note is on time within 24 hours of the interview's end. */
export const noteWindowMs = 24 * 3_600_000

export function noteDeadline(interviewEndsAt: Date): Date {
  return new Date(interviewEndsAt.getTime() + noteWindowMs)
}
