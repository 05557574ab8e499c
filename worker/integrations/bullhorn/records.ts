import type { InboundEvent } from '../../schemas/integration'
import { BullhornError } from './http'
import type { BullhornRest } from './session'

// Bullhorn's records as interviews. An interview is an Appointment of type Interview: its
// candidate (candidateReference), the job (jobOrder) and its client corporation, the time
// (dateBegin, dateEnd: epoch ms), attendees as interviewers and the owner as the recruiter. Its
// external reference is `<candidateId>-<jobOrderId>/<appointmentId>`, so a Placement of the same
// candidate on the same job is the outcome of every interview under `<candidateId>-<jobOrderId>/`.

type Row = Record<string, unknown>

const person = 'id,firstName,lastName,email'
const appointmentFields = [
  'id,type,isDeleted,dateBegin,dateEnd,communicationMethod',
  'candidateReference(id,firstName,lastName,email,email2,email3)',
  `clientContactReference(${person},occupation,clientCorporation(name))`,
  'jobOrder(id,title,clientCorporation(name))',
  'owner(id,firstName,lastName)',
  `attendees[10](attendee(${person}))`,
].join(',')

const object = (value: unknown): Row | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : null
const idOf = (value: unknown): number | null => {
  const id = object(value)?.id
  return typeof id === 'number' ? id : null
}
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
const nameOf = (row: Row | null): string | undefined =>
  row ? textOf([row.firstName, row.lastName].filter((part) => textOf(part)).join(' ')) : undefined
const isoOf = (value: unknown): string | undefined =>
  typeof value === 'number' ? new Date(value).toISOString() : undefined

/** The record's data, or null when Bullhorn has no such record (any more). */
async function readEntity(rest: BullhornRest, type: string, id: number, fields: string) {
  try {
    const answer = await rest.call(`entity/${type}/${id}?fields=${encodeURIComponent(fields)}`)
    return object(answer?.data)
  } catch (err) {
    if (err instanceof BullhornError && err.status === 404) return null
    throw err
  }
}

export const appointmentRef = (appointment: Row) =>
  `${idOf(appointment.candidateReference) ?? ''}-${idOf(appointment.jobOrder) ?? ''}/${String(appointment.id)}`

export const readAppointment = (rest: BullhornRest, id: number) =>
  readEntity(rest, 'Appointment', id, appointmentFields)

export const isInterview = (appointment: Row) =>
  String(appointment.type ?? '').toLowerCase() === 'interview'

function formatOf(method: unknown): 'video' | 'phone' | 'onsite' {
  const text = String(method ?? '').toLowerCase()
  if (/video|zoom|teams|meet|skype|virtual|online|remote/.test(text)) return 'video'
  if (/phone|call/.test(text)) return 'phone'
  return 'onsite'
}

/** The interview fields of an Appointment, as far as Bullhorn has them; the core checks them. */
export function interviewOfAppointment(appointment: Row): InboundEvent['interview'] {
  const candidate = object(appointment.candidateReference)
  const contact = object(appointment.clientContactReference)
  const job = object(appointment.jobOrder)
  const attendees = (object(appointment.attendees)?.data ?? []) as unknown[]
  const people = attendees.map((entry) => object(object(entry)?.attendee)).filter((p) => p !== null)
  const interviewers = (people.length > 0 ? people : contact ? [contact] : []).flatMap((p) => {
    const name = nameOf(p)
    if (!name) return []
    const title = p === contact ? textOf(contact.occupation) : undefined
    return [
      { name, ...(title ? { title } : {}), ...(textOf(p.email) ? { email: textOf(p.email) } : {}) },
    ]
  })
  const ownerId = idOf(appointment.owner)
  return {
    externalRef: { id: appointmentRef(appointment) },
    candidate: {
      name: nameOf(candidate),
      email: textOf(candidate?.email) ?? textOf(candidate?.email2) ?? textOf(candidate?.email3),
    },
    roleTitle: textOf(job?.title),
    clientCompany:
      textOf(object(job?.clientCorporation)?.name) ??
      textOf(object(contact?.clientCorporation)?.name),
    startsAt: isoOf(appointment.dateBegin),
    endsAt: isoOf(appointment.dateEnd),
    format: formatOf(appointment.communicationMethod),
    interviewers,
    ...(ownerId === null ? {} : { recruiterExternalId: `bullhorn:${ownerId}` }),
  }
}

/** The `<candidateId>-<jobOrderId>/` a Placement hires on, or null when it names neither. */
export async function placementParent(rest: BullhornRest, id: number): Promise<string | null> {
  const placement = await readEntity(rest, 'Placement', id, 'id,candidate(id),jobOrder(id)')
  const candidateId = idOf(placement?.candidate)
  const jobOrderId = idOf(placement?.jobOrder)
  return candidateId === null || jobOrderId === null ? null : `${candidateId}-${jobOrderId}/`
}
