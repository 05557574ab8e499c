import { bullhornError } from './errors'

/**
 * The entities the fake Bullhorn serves and how GET /entity/{Type}/{id}?fields= shapes them
 * (bullhorn/rest-api-docs source/includes/_entity.md and entityref/*.md; bullhorn/sdk-rest
 * StandardWrapper, OneToMany and the appointment test fixtures): `{ data: {...} }`, to-one
 * associations as `{ id, ...chosen fields }` (with `_subtype` when polymorphic), to-many ones as
 * `{ total, data: [...] }`, every timestamp epoch ms. Fields a record does not have answer 400, so
 * a misspelt field name fails in tests as it would against Bullhorn.
 */

export type EntityName =
  | 'Appointment'
  | 'Candidate'
  | 'ClientContact'
  | 'CorporateUser'
  | 'JobOrder'
  | 'Placement'
  | 'Note'

/** A stored record: scalars, `{ id, _subtype? }` references, and arrays for to-many fields. */
export type EntityRecord = { id: number } & Record<string, unknown>

/** which entity a reference field points at, when `_subtype` does not say */
const REFERENCE_TARGETS: Record<string, EntityName> = {
  candidateReference: 'Candidate',
  clientContactReference: 'ClientContact',
  jobOrder: 'JobOrder',
  placement: 'Placement',
  owner: 'CorporateUser',
  candidate: 'Candidate',
  commentingPerson: 'CorporateUser',
  parentAppointment: 'Appointment',
}

/** what a to-one association shows when no sub-fields are asked for */
const DEFAULT_SUBFIELDS: Partial<Record<EntityName, string[]>> = {
  Candidate: ['firstName', 'lastName'],
  ClientContact: ['firstName', 'lastName'],
  CorporateUser: ['firstName', 'lastName'],
  JobOrder: ['title'],
}

/** the number of to-many members returned when the request gives no `[count]` */
const DEFAULT_TO_MANY_COUNT = 5

export class EntityStore {
  private readonly records = new Map<EntityName, Map<number, EntityRecord>>()
  private nextId = 8_500

  newId(): number {
    this.nextId += 1
    return this.nextId
  }

  put(type: EntityName, record: EntityRecord): EntityRecord {
    let table = this.records.get(type)
    if (!table) this.records.set(type, (table = new Map()))
    table.set(record.id, record)
    return record
  }

  get(type: EntityName, id: number): EntityRecord | undefined {
    return this.records.get(type)?.get(id)
  }

  all(type: EntityName): EntityRecord[] {
    return [...(this.records.get(type)?.values() ?? [])]
  }

  update(type: EntityName, id: number, changes: Record<string, unknown>): EntityRecord {
    const record = this.get(type, id)
    if (!record) throw new Error(`fake Bullhorn: no ${type} ${id}`)
    Object.assign(record, changes, { dateLastModified: Date.now() })
    return record
  }

  remove(type: EntityName, id: number) {
    this.records.get(type)?.delete(id)
  }

  clear() {
    this.records.clear()
  }

  /** the record with only the fields `fields` names (`*` for all), as Bullhorn returns it */
  select(type: EntityName, record: EntityRecord, fields: FieldSpec[]): Record<string, unknown> {
    const out: Record<string, unknown> = { id: record.id }
    const wanted = fields.some((f) => f.name === '*')
      ? Object.keys(record).map((name) => ({ name, count: null, sub: [] }))
      : fields
    for (const field of wanted) {
      if (!(field.name in record)) {
        throw bullhornError(400, `Invalid field '${field.name}' on entity ${type}.`)
      }
      out[field.name] = this.shape(field, record[field.name])
    }
    return out
  }

  private shape(field: FieldSpec, value: unknown): unknown {
    if (Array.isArray(value)) {
      const members = value.filter(
        (member) => !(isObject(member) && member.isDeleted === true),
      ) as unknown[]
      const count = field.count ?? DEFAULT_TO_MANY_COUNT
      return {
        total: members.length,
        data: members.slice(0, count).map((member) => this.shapeReference(field, member)),
      }
    }
    if (isObject(value) && typeof value.id === 'number') return this.shapeReference(field, value)
    return value
  }

  private shapeReference(field: FieldSpec, value: unknown): unknown {
    if (!isObject(value) || typeof value.id !== 'number') return value
    const type = (value._subtype as EntityName | undefined) ?? REFERENCE_TARGETS[field.name]
    const target = type ? this.get(type, value.id) : undefined
    const source: EntityRecord = target ?? (value as EntityRecord)
    const sub =
      field.sub.length > 0
        ? field.sub
        : (DEFAULT_SUBFIELDS[type as EntityName] ?? [])
            .filter((name) => name in source)
            .map((name) => ({ name, count: null, sub: [] }))
    const out: Record<string, unknown> = { id: value.id }
    if (value._subtype) out._subtype = value._subtype
    for (const subField of sub) {
      if (subField.name === '*') return { ...source, ...out }
      if (!(subField.name in source)) {
        throw bullhornError(400, `Invalid field '${subField.name}' on ${field.name}.`)
      }
      out[subField.name] = this.shape(subField, source[subField.name])
    }
    return out
  }
}

export interface FieldSpec {
  name: string
  /** `attendees[3](...)`: how many to-many members to return */
  count: number | null
  sub: FieldSpec[]
}

/** Parses `id,dateBegin,candidateReference(id,email),attendees[10](attendee(id))`. */
export function parseFields(text: string): FieldSpec[] {
  let at = 0
  function list(): FieldSpec[] {
    const fields: FieldSpec[] = []
    while (at < text.length && text[at] !== ')') {
      const name = /^[A-Za-z_*][\w.]*/.exec(text.slice(at))?.[0]
      if (!name) throw bullhornError(400, `Malformed fields parameter near '${text.slice(at)}'.`)
      at += name.length
      let count: number | null = null
      const countMatch = /^\[(\d+)\]/.exec(text.slice(at))
      if (countMatch) {
        count = Number(countMatch[1])
        at += countMatch[0].length
      }
      let sub: FieldSpec[] = []
      if (text[at] === '(') {
        at += 1
        sub = list()
        if (text[at] !== ')') throw bullhornError(400, 'Unbalanced parentheses in fields.')
        at += 1
      }
      fields.push({ name, count, sub })
      if (text[at] === ',') at += 1
    }
    return fields
  }
  const fields = list()
  if (at !== text.length) throw bullhornError(400, 'Unbalanced parentheses in fields.')
  return fields
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
