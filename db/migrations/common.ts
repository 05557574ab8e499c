import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'

// What the migrations repeat: column definitions (most for `.$call(…)` on a create table) and
// plain indexes. Migrations that have run are history: each helper must keep producing the same
// SQL, so a column of another shape gets a helper of its own rather than a change here.

/**
 * Timestamps keep milliseconds, exactly what a JavaScript Date holds, so a keyset cursor made from
 * a row's created_at matches that row again.
 */
export const ts = 'timestamptz(3)'

type Column<CN extends string> = <TB extends string, C extends string>(
  table: CreateTableBuilder<TB, C>,
) => CreateTableBuilder<TB, C | CN>

/** For `.addColumn(name, type, notNull)`: a column that must be set. */
export const notNull = (col: ColumnDefinitionBuilder) => col.notNull()

/** `id`: a uuid the database generates, the primary key. */
export const uuidPrimaryKey: Column<'id'> = (table) =>
  table.addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))

/** A required reference to the row this one belongs to, which takes this one with it when deleted. */
export function belongsTo<CN extends string>(column: CN, parentTable: string): Column<CN> {
  return (table) =>
    table.addColumn(column, 'uuid', (col) =>
      col.notNull().references(`${parentTable}.id`).onDelete('cascade'),
    )
}

/** An optional reference that is cleared, not followed, when the row it names is deleted. */
export function mayReference<CN extends string>(column: CN, parentTable: string): Column<CN> {
  return (table) =>
    table.addColumn(column, 'uuid', (col) =>
      col.references(`${parentTable}.id`).onDelete('set null'),
    )
}

/** A count kept on the row, starting at zero. */
export function counter<CN extends string>(column: CN): Column<CN> {
  return (table) => table.addColumn(column, 'integer', (col) => col.notNull().defaultTo(0))
}

/** The primary key of a row that exists once per row of `parentTable`, and goes with it. */
export function onePer<CN extends string>(column: CN, parentTable: string): Column<CN> {
  return (table) =>
    table.addColumn(column, 'uuid', (col) =>
      col.primaryKey().references(`${parentTable}.id`).onDelete('cascade'),
    )
}

export const agencyId = belongsTo('agency_id', 'agencies')
export const interviewId = belongsTo('interview_id', 'interviews')

/** What every row an agency owns starts with: its `id`, then the `agency_id` it belongs to. */
export const idAndAgency: Column<'id' | 'agency_id'> = (table) =>
  table.$call(uuidPrimaryKey).$call(agencyId)

/** A timestamp that is the time of the insert unless given. */
export function stampedNow<CN extends string>(column: CN): Column<CN> {
  return (table) => table.addColumn(column, ts, (col) => col.notNull().defaultTo(sql`now()`))
}

export const createdAt = stampedNow('created_at')
export const updatedAt = stampedNow('updated_at')

/**
 * An agency's numeric setting: required, with a default and a range. The arguments of an
 * `.addColumn(…)`, which works on create and alter table alike.
 */
export function agencySetting(
  column: string,
  { initial, min, max }: { initial: number; min: number; max: number },
) {
  return [
    column,
    'integer',
    (col: ColumnDefinitionBuilder) =>
      col
        .notNull()
        .defaultTo(initial)
        .check(sql.raw(`${column} between ${min} and ${max}`)),
  ] as const
}

/** Plain indexes on `table`, created in the order given: each name with its columns. */
export async function createIndexes(
  db: Kysely<any>,
  table: string,
  indexes: Record<string, string[]>,
): Promise<void> {
  for (const [name, columns] of Object.entries(indexes)) {
    await db.schema.createIndex(name).on(table).columns(columns).execute()
  }
}
