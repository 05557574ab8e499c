import { AnswerError, type FakeAnswer, type FakeCall } from '../fake-ats/server'
import type { EntityName, EntityStore } from './entities'
import { parseFields } from './entities'
import { bullhornError } from './errors'

/**
 * PUT /entity/Note (create is PUT in Bullhorn), POST /entity/Note/{id} (update) and GET /query/{Entity}?where= (bullhorn/rest-api-docs
 * _entity.md, _query.md, entityref/_note.md). `action` must be one of the corporation's
 * commentActionList (400 otherwise: assumed); to-many fields cannot be set on create; fields a Note
 * does not have answer 400. An update changes only the fields it names (a to-one association, as
 * on create; to-many fields, `id` of another note and unknown fields answer 400), answers
 * { changedEntityType, changedEntityId, changeType: 'UPDATE', data } like an insert does (assumed:
 * the docs show no update answer), and 404 for a note that does not exist. A soft-deleted note
 * (isDeleted) is still updated, as a POST to it is assumed to be. The `where` clause understands `a='text'`, `a=12`, `a.id=12` and AND.
 */

export interface BullhornNote {
  id: number
  action: string | null
  comments: string
  personReference: { id: number; _subtype: string }
  commentingPerson: { id: number }
  jobOrder: { id: number } | null
  externalID: string | null
  minutesSpent: number | null
  isDeleted: boolean
  dateAdded: number
}

const CREATE_FIELDS = new Set([
  'action',
  'comments',
  'personReference',
  'commentingPerson',
  'jobOrder',
  'externalID',
  'minutesSpent',
  'isDeleted',
  'dateAdded',
])
const TO_MANY_FIELDS = new Set(['candidates', 'clientContacts', 'corporateUsers', 'placements'])
const PEOPLE: EntityName[] = ['Candidate', 'ClientContact', 'CorporateUser']

export function createNote(
  call: FakeCall,
  store: EntityStore,
  options: { apiUserId: number; commentActions: string[] },
): { answer: FakeAnswer; note: BullhornNote } {
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) {
    throw bullhornError(400, 'The request body must be a JSON object.')
  }
  const input = call.body as Record<string, unknown>
  const messages: {
    propertyName: string
    severity: string
    type: string
    detailMessage: string
  }[] = []
  const refuse = (propertyName: string, detailMessage: string) =>
    messages.push({ propertyName, severity: 'ERROR', type: 'INVALID_VALUE', detailMessage })
  for (const name of Object.keys(input)) {
    if (TO_MANY_FIELDS.has(name)) {
      refuse(name, 'To-many associations cannot be set when creating; add them with a PUT after.')
    } else if (!CREATE_FIELDS.has(name)) refuse(name, `Note has no field '${name}'.`)
  }
  if (typeof input.comments !== 'string' || input.comments === '') {
    refuse('comments', 'comments is required.')
  }
  const personId = referenceId(input.personReference)
  const personType = PEOPLE.find((type) => personId !== null && store.get(type, personId))
  if (!personType) refuse('personReference', 'personReference must name an existing person.')
  const action = input.action === undefined ? null : input.action
  if (action !== null && !options.commentActions.includes(String(action))) {
    refuse('action', `'${String(action)}' is not in the commentActionList.`)
  }
  const jobOrderId = input.jobOrder === undefined ? null : referenceId(input.jobOrder)
  if (jobOrderId !== null && !store.get('JobOrder', jobOrderId)) {
    refuse('jobOrder', `No JobOrder ${jobOrderId}.`)
  }
  if (messages.length > 0) {
    throw new AnswerError({
      status: 400,
      body: {
        errorMessage: 'Error creating Note.',
        errorMessageKey: 'errors.cannotCreateEntity',
        errorCode: 400,
        errors: messages,
      },
    })
  }
  const note: BullhornNote = {
    id: store.newId(),
    action: action === null ? null : String(action),
    comments: String(input.comments),
    personReference: { id: personId!, _subtype: personType! },
    commentingPerson: { id: referenceId(input.commentingPerson) ?? options.apiUserId },
    jobOrder: jobOrderId === null ? null : { id: jobOrderId },
    externalID: typeof input.externalID === 'string' ? input.externalID : null,
    minutesSpent: typeof input.minutesSpent === 'number' ? input.minutesSpent : null,
    isDeleted: false,
    dateAdded: Date.now(),
  }
  store.put('Note', { ...note })
  return {
    note,
    answer: {
      status: 200,
      body: {
        changedEntityType: 'Note',
        changedEntityId: note.id,
        changeType: 'INSERT',
        data: input,
      },
    },
  }
}

const UPDATE_FIELDS = new Set([
  'action',
  'comments',
  'commentingPerson',
  'jobOrder',
  'externalID',
  'minutesSpent',
  'isDeleted',
])

/** An update of a Note, as recorded by the fake. */
export interface BullhornNoteEdit {
  noteId: number
  /** the fields the update named, as sent */
  changes: Record<string, unknown>
  at: number
}

export function updateNote(
  call: FakeCall,
  store: EntityStore,
  note: BullhornNote | undefined,
  id: number,
  options: { commentActions: string[] },
): { answer: FakeAnswer; edit: BullhornNoteEdit } {
  if (!note || !store.get('Note', id)) {
    throw bullhornError(404, `Cannot find entity of type Note with id ${id}`)
  }
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) {
    throw bullhornError(400, 'The request body must be a JSON object.')
  }
  const input = call.body as Record<string, unknown>
  const messages: string[] = []
  for (const [name, value] of Object.entries(input)) {
    if (name === 'id') {
      if (value !== id) messages.push(`id ${String(value)} is not the note updated (${id}).`)
    } else if (TO_MANY_FIELDS.has(name)) {
      messages.push(`${name}: to-many associations are changed with PUT/DELETE on the association.`)
    } else if (!UPDATE_FIELDS.has(name)) messages.push(`Note has no field '${name}' to update.`)
  }
  if ('comments' in input && (typeof input.comments !== 'string' || input.comments === '')) {
    messages.push('comments must be non-empty text.')
  }
  if ('action' in input && !options.commentActions.includes(String(input.action))) {
    messages.push(`'${String(input.action)}' is not in the commentActionList.`)
  }
  const jobOrderId = 'jobOrder' in input ? referenceId(input.jobOrder) : null
  if ('jobOrder' in input && (jobOrderId === null || !store.get('JobOrder', jobOrderId))) {
    messages.push('jobOrder must name an existing JobOrder.')
  }
  if (messages.length > 0) {
    throw new AnswerError({
      status: 400,
      body: {
        errorMessage: messages.join(' '),
        errorMessageKey: 'errors.cannotUpdateEntity',
        errorCode: 400,
      },
    })
  }
  const changes: Partial<BullhornNote> = {}
  if (typeof input.comments === 'string') changes.comments = input.comments
  if ('action' in input) changes.action = String(input.action)
  if (jobOrderId !== null) changes.jobOrder = { id: jobOrderId }
  const author = referenceId(input.commentingPerson)
  if (author !== null) changes.commentingPerson = { id: author }
  if (typeof input.externalID === 'string') changes.externalID = input.externalID
  if (typeof input.minutesSpent === 'number') changes.minutesSpent = input.minutesSpent
  if (typeof input.isDeleted === 'boolean') changes.isDeleted = input.isDeleted
  Object.assign(note, changes)
  store.update('Note', id, { ...changes })
  return {
    edit: { noteId: id, changes: input, at: Date.now() },
    answer: {
      status: 200,
      body: { changedEntityType: 'Note', changedEntityId: id, changeType: 'UPDATE', data: input },
    },
  }
}

export function queryEntities(call: FakeCall, store: EntityStore, type: EntityName): FakeAnswer {
  const where = call.query.get('where')
  const fields = call.query.get('fields')
  if (!where || !fields) throw bullhornError(400, "Parameters 'where' and 'fields' are required.")
  const conditions = where.split(/\s+AND\s+/i).map((clause) => {
    const match = /^\s*([\w.]+)\s*=\s*(?:'((?:[^']|'')*)'|(-?\d+))\s*$/.exec(clause)
    if (!match) throw bullhornError(400, `Unsupported where clause '${clause}'.`)
    const value: string | number =
      match[2] !== undefined ? match[2].replace(/''/g, "'") : Number(match[3])
    return { path: match[1]!.split('.'), value }
  })
  const spec = parseFields(fields)
  const data = store
    .all(type)
    .filter((record) => conditions.every(({ path, value }) => valueAt(record, path) === value))
    .map((record) => store.select(type, record, spec))
  return { status: 200, body: { start: 0, count: data.length, data } }
}

function valueAt(record: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = record
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

function referenceId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null
  const id = (value as { id?: unknown }).id
  return typeof id === 'number' ? id : null
}
