import type { InboundEvent } from '../../schemas/integration'
import type { InterviewOutcome } from '../../schemas/interview'
import type { LeverClient } from './client'
import { segment, type LeverArchiveReason, type LeverStage } from './records'

// Where a Lever candidate got, as an outcome of every interview of the opportunity (the
// externalRef `<opportunityId>/`):
//
//   candidateHired                                  hired
//   candidateStageChange to a stage named "offer"   offer; one named "hired": hired
//   candidateStageChange forward (in the order GET /stages lists the pipeline) out of a stage
//     named "interview"                             advanced
//   candidateArchiveChange archived for a reason of type "hired": hired; one named
//     "withdrew/withdrawn": withdrawn; any other reason: rejected (Lever rejects by archiving)
//
// Anything else (a move back, a move between stages before any interview, an unarchiving) says
// nothing about an interview and is ignored.

type Base = Pick<InboundEvent, 'id' | 'occurredAt'>

export const opportunityRef = (opportunityId: string) => `${opportunityId}/`

function outcomeEvent(base: Base, opportunityId: string, stage: InterviewOutcome): InboundEvent {
  return {
    ...base,
    event: 'interview.outcome',
    interview: { externalRef: { id: opportunityRef(opportunityId) } },
    outcome: { stage, at: base.occurredAt },
  }
}

export type OutcomeReading = { event: InboundEvent } | { ignore: string }

export function readHired(base: Base, opportunityId: string): OutcomeReading {
  return { event: outcomeEvent(base, opportunityId, 'hired') }
}

/** The outcome a move between stages means, from the names and order of Lever's pipeline. */
export async function readStageChange(
  client: LeverClient,
  base: Base,
  opportunityId: string,
  data: Record<string, unknown>,
): Promise<OutcomeReading> {
  const { fromStageId, toStageId } = data
  if (typeof toStageId !== 'string') return { ignore: 'A stage change without toStageId.' }
  const stages = await client.list<LeverStage>('/stages')
  const to = stages.findIndex((stage) => stage.id === toStageId)
  const from = stages.findIndex((stage) => stage.id === fromStageId)
  const toName = stages[to]?.text ?? ''
  if (/hired/i.test(toName)) return { event: outcomeEvent(base, opportunityId, 'hired') }
  if (/offer/i.test(toName)) return { event: outcomeEvent(base, opportunityId, 'offer') }
  if (from >= 0 && to > from && /interview/i.test(stages[from]!.text)) {
    return { event: outcomeEvent(base, opportunityId, 'advanced') }
  }
  return { ignore: `A move to the stage "${toName || toStageId}" is not an interview outcome.` }
}

/** Archiving is how Lever rejects (or closes a hire): the reason's type and name say which. */
export async function readArchiveChange(
  client: LeverClient,
  base: Base,
  opportunityId: string,
  data: Record<string, unknown>,
): Promise<OutcomeReading> {
  const archived = data.toArchived as { reason?: unknown } | null | undefined
  if (!archived || typeof archived.reason !== 'string') {
    return { ignore: 'Unarchived: not an interview outcome.' }
  }
  const reason = await client.get<LeverArchiveReason>(
    `/archive_reasons/${segment(archived.reason)}`,
  )
  if (!reason) return { ignore: `Lever has no archive reason ${archived.reason}.` }
  if (reason.type === 'hired') return { event: outcomeEvent(base, opportunityId, 'hired') }
  const stage = /withdr[ae]w/i.test(reason.text) ? 'withdrawn' : 'rejected'
  return { event: outcomeEvent(base, opportunityId, stage) }
}
