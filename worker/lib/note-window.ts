import { sql, type RawBuilder } from 'kysely'
import { interviewLimits } from '../schemas/interview-limits'

/** A thank-you note is on time within 24 hours of the interview's end. */
export const noteWindowMs = interviewLimits.noteWindowHours * 3_600_000

export function noteDeadline(interviewEndsAt: Date): Date {
  return new Date(interviewEndsAt.getTime() + noteWindowMs)
}

/** The same deadline in SQL, for an expression holding the interview's end. */
export function noteDeadlineSql(interviewEndsAt: RawBuilder<Date>): RawBuilder<Date> {
  return sql<Date>`(${interviewEndsAt} + ${sql.lit(noteWindowMs)} * interval '1 millisecond')`
}
