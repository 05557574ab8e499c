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

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const bytes = fromBase64url(cursor)
    const [createdAt, id] = JSON.parse(new TextDecoder().decode(bytes ?? new Uint8Array()))
    const date = new Date(createdAt)
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !uuidPattern.test(id)) throw 0
    return { createdAt: date, id }
  } catch {
    throw new ApiError('validation_failed', 'The cursor is not valid.', [
      { path: 'cursor', message: 'Use the nextCursor of a previous page.' },
    ])
  }
}

function encodeCursor(row: { created_at: Date; id: string }): string {
  return base64url(new TextEncoder().encode(JSON.stringify([row.created_at.toISOString(), row.id])))
}

/**
 * Newest first, keyset-paginated on (created_at, id) of the query's main table `alias`.
 * Fetches one row more than asked to know whether another page exists.
 */
export async function pageOf<
  DB,
  TB extends keyof DB,
  Row extends { created_at: Date; id: string },
  T,
>(
  query: SelectQueryBuilder<DB, TB, Row>,
  page: PageRequest,
  toItem: (row: Row) => T,
  alias = '',
): Promise<Page<T>> {
  const col = (name: string) => sql.ref(alias ? `${alias}.${name}` : name)
  let q = query
  if (page.cursor) {
    const { createdAt, id } = decodeCursor(page.cursor)
    q = q.where(sql<boolean>`(${col('created_at')}, ${col('id')}) < (${createdAt}, ${id}::uuid)`)
  }
  const rows = await q
    .orderBy(col('created_at'), 'desc')
    .orderBy(col('id'), 'desc')
    .limit(page.limit + 1)
    .execute()
  const more = rows.length > page.limit
  const pageRows = more ? rows.slice(0, page.limit) : rows
  const last = pageRows.at(-1)
  return { data: pageRows.map(toItem), nextCursor: more && last ? encodeCursor(last) : null }
}
