import { createInterviewBody, type CreateInterviewInput } from '../schemas/interview'

// What an ATS record must hold to become an interview: the fields of POST /v1/interviews. An end
// time may come as `endsAt` instead of `durationMinutes`, as most systems keep one.

const interviewFields = createInterviewBody.omit({ externalRef: true })

export type EventInterview = Omit<CreateInterviewInput, 'externalRef'>

/** The interview an event's data describes, or why it cannot be one. */
export function interviewOfEventData(
  data: Record<string, unknown>,
): { interview: EventInterview } | { reason: string } {
  const { externalRef: _ref, endsAt, ...fields } = data
  if (fields.durationMinutes === undefined && typeof endsAt === 'string') {
    const minutes = (Date.parse(endsAt) - Date.parse(String(fields.startsAt))) / 60_000
    if (Number.isFinite(minutes)) fields.durationMinutes = Math.round(minutes)
  }
  if (fields.durationMinutes === undefined) {
    return { reason: 'No end time: send durationMinutes or endsAt.' }
  }
  const parsed = interviewFields.safeParse(fields)
  if (parsed.success) return { interview: parsed.data }
  return {
    reason: parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`)
      .join('; '),
  }
}
