import { randomUUID } from 'node:crypto'
import type { FakeAnswer, FakeCall } from '../fake-ats/server'
import { bullhornError } from './errors'

/**
 * Bullhorn event subscriptions, which clients poll (bullhorn/rest-api-docs _subscription.md,
 * http://bullhorn.github.io/REST-API-Event-Subscriptions, sdk-rest StandardEvent): reading events
 * consumes them; `?requestId=` returns a batch already read, to recover after a crash; at most 100
 * per read. Assumed: an empty read answers 200 with an empty body, and creating a subscription id
 * that exists answers 400. Not modelled: the 7-day purge and the 15-subscription limit.
 */

export type EntityEventType = 'INSERTED' | 'UPDATED' | 'DELETED'

export interface BullhornEvent {
  eventId: string
  eventType: 'ENTITY'
  eventTimestamp: number
  eventMetadata: Record<string, string>
  entityName: string
  entityId: number
  entityEventType: EntityEventType
  /** only on UPDATED */
  updatedProperties?: string[]
}

export interface PushedEvent {
  entityName: 'Appointment' | 'Placement' | (string & {})
  entityId: number
  entityEventType: EntityEventType
  updatedProperties?: string[]
  /** the CorporateUser who made the change (`PERSON_ID`); a recruiter by default */
  personId?: number
}

export interface Subscription {
  id: string
  names: string[]
  eventTypes: EntityEventType[]
  createdOn: number
  lastRequestId: number
  /** events not read yet */
  pending: BullhornEvent[]
  /** every batch read, by requestId */
  batches: Map<number, BullhornEvent[]>
}

const MAX_EVENTS = 100
const EVENT_TYPES: EntityEventType[] = ['INSERTED', 'UPDATED', 'DELETED']

export class EventState {
  readonly subscriptions = new Map<string, Subscription>()
  private nextEvent = 40_000_000

  constructor(private readonly corpId = 44) {}

  push(event: PushedEvent) {
    this.nextEvent += 1
    const full: BullhornEvent = {
      eventId: `ID:JBM-${this.nextEvent}`,
      eventType: 'ENTITY',
      eventTimestamp: Date.now(),
      eventMetadata: {
        PERSON_ID: String(event.personId ?? 1314),
        TRANSACTION_ID: randomUUID(),
      },
      entityName: event.entityName,
      entityId: event.entityId,
      entityEventType: event.entityEventType,
    }
    if (event.entityEventType === 'UPDATED') full.updatedProperties = event.updatedProperties ?? []
    for (const subscription of this.subscriptions.values()) {
      if (
        subscription.names.includes(event.entityName) &&
        subscription.eventTypes.includes(event.entityEventType)
      ) {
        subscription.pending.push(structuredClone(full))
      }
    }
  }

  clear() {
    this.subscriptions.clear()
  }

  create(call: FakeCall, id: string): FakeAnswer {
    if (call.query.get('type') !== 'entity') {
      throw bullhornError(400, "Parameter 'type' must be 'entity'.")
    }
    const names = list(call.query.get('names'))
    const eventTypes = list(call.query.get('eventTypes'))
    if (names.length === 0) throw bullhornError(400, "Missing required parameter 'names'.")
    const unknown = eventTypes.find((type) => !EVENT_TYPES.includes(type as EntityEventType))
    if (eventTypes.length === 0 || unknown) {
      throw bullhornError(400, `Invalid eventTypes '${call.query.get('eventTypes') ?? ''}'.`)
    }
    if (this.subscriptions.has(id)) {
      throw bullhornError(400, `Subscription ${id} already exists.`, 'errors.duplicateSubscription')
    }
    const subscription: Subscription = {
      id,
      names,
      eventTypes: eventTypes as EntityEventType[],
      createdOn: Date.now(),
      lastRequestId: 0,
      pending: [],
      batches: new Map(),
    }
    this.subscriptions.set(id, subscription)
    const quoted = (values: string[]) => values.map((value) => `'${value}'`).join(',')
    return {
      status: 200,
      body: {
        lastRequestId: 0,
        subscriptionId: id,
        createdOn: subscription.createdOn,
        jmsSelector:
          `JMSType='ENTITY' AND BhCorpId=${this.corpId} AND BhEntityName IN (${quoted(names)}) ` +
          `AND BhEntityEventType IN (${quoted(subscription.eventTypes)})`,
      },
    }
  }

  read(call: FakeCall, id: string): FakeAnswer {
    const subscription = this.find(id)
    const requestId = call.query.get('requestId')
    if (requestId !== null) {
      const batch = subscription.batches.get(Number(requestId))
      if (!batch) throw bullhornError(400, `No events were read with requestId ${requestId}.`)
      return { status: 200, body: { requestId: Number(requestId), events: batch } }
    }
    const maxEvents = Number(call.query.get('maxEvents'))
    if (!Number.isInteger(maxEvents) || maxEvents < 1) {
      throw bullhornError(400, "Missing or invalid required parameter 'maxEvents'.")
    }
    const events = subscription.pending.splice(0, Math.min(maxEvents, MAX_EVENTS))
    if (events.length === 0) return { status: 200, rawBody: '' }
    subscription.lastRequestId += 1
    subscription.batches.set(subscription.lastRequestId, events)
    return { status: 200, body: { requestId: subscription.lastRequestId, events } }
  }

  lastRequestId(id: string): FakeAnswer {
    return { status: 200, body: { result: this.find(id).lastRequestId } }
  }

  remove(id: string): FakeAnswer {
    this.find(id)
    this.subscriptions.delete(id)
    return { status: 200, body: { result: true } }
  }

  private find(id: string): Subscription {
    const subscription = this.subscriptions.get(id)
    if (!subscription) throw bullhornError(404, `Subscription ${id} does not exist.`)
    return subscription
  }
}

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}
