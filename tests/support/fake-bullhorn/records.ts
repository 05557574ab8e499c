import { randomUUID } from 'node:crypto'
import type { EntityRecord } from './entities'

/**
 * Builders for Bullhorn records with the fields bullhorn/rest-api-docs entityref/ lists for each
 * entity (and `timeZoneID` on Appointment, seen in the SDK's fixture). A reference is stored as
 * `{ id }` or `{ id, _subtype }`; the store fills in the rest when a GET asks for it.
 */

type Ref = { id: number; _subtype?: string }
type Overrides = Record<string, unknown>

const HOUR = 60 * 60 * 1000

export function buildCorporateUser(id: number, overrides: Overrides = {}): EntityRecord {
  return {
    id,
    firstName: 'Rita',
    lastName: 'Recruiter',
    name: 'Rita Recruiter',
    email: 'rita.recruiter@agency.example',
    timeZoneOffsetEST: 0,
    ...overrides,
  }
}

export function buildCandidate(id: number, overrides: Overrides = {}): EntityRecord {
  const firstName = String(overrides.firstName ?? 'Maya')
  const lastName = String(overrides.lastName ?? 'Lindqvist')
  return {
    id,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    email: `${firstName}.${lastName}@example.com`.toLowerCase(),
    email2: null,
    email3: null,
    phone: '555-0100',
    timeZoneOffsetEST: 0,
    isDeleted: false,
    dateAdded: Date.now(),
    dateLastModified: Date.now(),
    ...overrides,
  }
}

export function buildClientContact(id: number, overrides: Overrides = {}): EntityRecord {
  const firstName = String(overrides.firstName ?? 'Carl')
  const lastName = String(overrides.lastName ?? 'Hiring')
  return {
    id,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    email: `${firstName}.${lastName}@client.example`.toLowerCase(),
    email2: null,
    occupation: 'Warehouse Manager',
    clientCorporation: { id: 77, name: 'Acme Logistics' },
    isDeleted: false,
    ...overrides,
  }
}

export function buildJobOrder(id: number, owner: Ref, overrides: Overrides = {}): EntityRecord {
  return {
    id,
    title: 'Warehouse Supervisor',
    status: 'Accepting Candidates',
    clientCorporation: { id: 77, name: 'Acme Logistics' },
    clientContact: null,
    owner,
    isDeleted: false,
    dateAdded: Date.now(),
    ...overrides,
  }
}

export function buildPlacement(
  id: number,
  refs: { candidate: Ref; jobOrder: Ref; owner: Ref },
  overrides: Overrides = {},
): EntityRecord {
  return {
    id,
    candidate: refs.candidate,
    jobOrder: refs.jobOrder,
    owner: refs.owner,
    status: 'Placed',
    dateBegin: Date.now() + 14 * 24 * HOUR,
    dateAdded: Date.now(),
    dateLastModified: Date.now(),
    ...overrides,
  }
}

export function buildAppointment(
  id: number,
  refs: { candidate: Ref | null; clientContact: Ref | null; jobOrder: Ref | null; owner: Ref },
  overrides: Overrides = {},
): EntityRecord {
  const begin = Date.now() + 2 * 24 * HOUR
  const attendees: EntityRecord[] = []
  if (refs.clientContact) {
    attendees.push({
      id: id * 10 + 1,
      attendee: { ...refs.clientContact, _subtype: 'ClientContact' },
      acceptanceStatus: 1,
    })
  }
  return {
    id,
    type: 'Interview',
    subject: 'Interview: Warehouse Supervisor',
    description: '',
    location: '200 Main St, Columbus',
    communicationMethod: 'In Person',
    dateBegin: begin,
    dateEnd: begin + HOUR,
    isAllDay: false,
    isDeleted: false,
    isPrivate: false,
    timeZoneID: 'America/New_York',
    candidateReference: refs.candidate,
    clientContactReference: refs.clientContact,
    jobOrder: refs.jobOrder,
    placement: null,
    owner: { ...refs.owner, _subtype: 'CorporateUser' },
    attendees,
    parentAppointment: null,
    appointmentUUID: randomUUID(),
    dateAdded: Date.now(),
    dateLastModified: Date.now(),
    ...overrides,
  }
}
