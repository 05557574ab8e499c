import type { Db } from '../../../db/client'
import type { InboundEvent } from '../../schemas/integration'
import {
  appointmentRef,
  interviewOfAppointment,
  isInterview,
  placementParent,
  readAppointment,
} from './records'
import type { BullhornRest } from './session'

// A Bullhorn subscription event (bullhorn/rest-api-docs _subscription.md) as the shared event.
// An event names the record and what happened to it; the record is read as it is now, so an
// event that arrives late carries the current state. Its eventId is the event's id, its
// eventTimestamp the order.

export interface BullhornEvent {
  eventId: string
  entityName: string
  entityId: number
  entityEventType: string
  eventTimestamp: number
}

/** The events of a subscription read, each as Bullhorn names it. */
export function eventsOf(answer: Record<string, unknown> | null): BullhornEvent[] {
  const events = Array.isArray(answer?.events) ? (answer.events as unknown[]) : []
  return events.filter(
    (event): event is BullhornEvent =>
      typeof event === 'object' &&
      event !== null &&
      typeof (event as BullhornEvent).eventId === 'string' &&
      typeof (event as BullhornEvent).entityId === 'number' &&
      typeof (event as BullhornEvent).eventTimestamp === 'number',
  )
}

/** The reference of an appointment whose interview is known here, for one Bullhorn no longer has. */
async function knownRef(db: Db, agencyId: string, appointmentId: number) {
  const row = await db
    .selectFrom('external_records')
    .select('external_id')
    .where('agency_id', '=', agencyId)
    .where('system', '=', 'bullhorn')
    .where('external_id', 'like', `%/${appointmentId}`)
    .executeTakeFirst()
  return row?.external_id ?? null
}

/**
 * The shared event a Bullhorn event stands for, or null when there is nothing to apply (an
 * appointment that is no interview and never was one here, a placement update).
 */
export async function inboundEventOf(
  db: Db,
  rest: BullhornRest,
  agencyId: string,
  event: BullhornEvent,
): Promise<InboundEvent | null> {
  const envelope = { id: event.eventId, occurredAt: new Date(event.eventTimestamp).toISOString() }
  if (event.entityName === 'Placement') {
    if (event.entityEventType !== 'INSERTED') return null
    const parent = await placementParent(rest, event.entityId)
    if (!parent) return null
    return {
      ...envelope,
      event: 'interview.outcome',
      interview: { externalRef: { id: parent } },
      outcome: { stage: 'hired' },
    }
  }
  if (event.entityName !== 'Appointment') return null
  const appointment = await readAppointment(rest, event.entityId)
  const canceled = (id: string): InboundEvent => ({
    ...envelope,
    event: 'interview.canceled',
    interview: { externalRef: { id } },
  })
  if (!appointment || !isInterview(appointment)) {
    // gone from Bullhorn, or no longer an interview: cancel the interview it was, if any
    const ref = await knownRef(db, agencyId, event.entityId)
    return ref ? canceled(ref) : null
  }
  if (event.entityEventType === 'DELETED' || appointment.isDeleted === true) {
    return canceled(appointmentRef(appointment))
  }
  return {
    ...envelope,
    event: event.entityEventType === 'INSERTED' ? 'interview.scheduled' : 'interview.updated',
    interview: interviewOfAppointment(appointment),
  }
}
