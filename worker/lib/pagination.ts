import { sql, type SelectQueryBuilder } from 'kysely'
import { ApiError } from '../errors'
import { base64url, fromBase64url } from './crypto'

export interface PageRequest {
  cursor?: string
  limit: number
}

export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The time column a list is ordered by, newest first, with the id breaking ties. */
export type PageOrder = 'created_at' | 'starts_at'

function decodeCursor(cursor: string, order: PageOrder): { at: Date; id: string } {
  try {
    const bytes = fromBase64url(cursor)
    const [at, id, column = 'created_at'] = JSON.parse(
      new TextDecoder().decode(bytes ?? new Uint8Array()),
    )
    const date = new Date(at)
    // a cursor of one order would skip or repeat rows in another
    if (column !== order) throw 0
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !uuidPattern.test(id)) throw 0
    return { at: date, id }
  } catch {
    throw new ApiError('validation_failed', 'The cursor is not valid.', [
      { path: 'cursor', message: 'Use the nextCursor of a previous page.' },
    ])
  }
}

function encodeCursor(at: Date, id: string, order: PageOrder): string {
  // cursors of the default order keep their original two-element form
  const parts = order === 'created_at' ? [at.toISOString(), id] : [at.toISOString(), id, order]
  return base64url(new TextEncoder().encode(JSON.stringify(parts)))
}

/**
 * Newest first, keyset-paginated on (`order`, id) of the query's main table `alias`: by
 * created_at unless the rows carry another time to order by. Fetches one row more than asked to
 * know whether another page exists.
 */
export async function pageOf<
  DB,
  TB extends keyof DB,
  Row extends { created_at: Date; id: string } & Partial<Record<PageOrder, Date>>,
  T,
>(
  query: SelectQueryBuilder<DB, TB, Row>,
  page: PageRequest,
  toItem: (row: Row) => T,
  alias = '',
  order: PageOrder = 'created_at',
): Promise<Page<T>> {
  const col = (name: string) => sql.ref(alias ? `${alias}.${name}` : name)
  let q = query
  if (page.cursor) {
    const { at, id } = decodeCursor(page.cursor, order)
    q = q.where(sql<boolean>`(${col(order)}, ${col('id')}) < (${at}, ${id}::uuid)`)
  }
  const rows = await q
    .orderBy(col(order), 'desc')
    .orderBy(col('id'), 'desc')
    .limit(page.limit + 1)
    .execute()
  const more = rows.length > page.limit
  const pageRows = more ? rows.slice(0, page.limit) : rows
  const last = pageRows.at(-1)
  return {
    data: pageRows.map(toItem),
    nextCursor: more && last ? encodeCursor(last[order]!, last.id, order) : null,
  }
}
