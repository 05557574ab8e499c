import { sql, type Kysely } from 'kysely'

// Interviews may be logged ahead of time: the coaching email waits for the end (plus the agency's
// delay), a scheduled interview can be moved or canceled while its email has not gone, and an
// interview that came from another system carries that system's reference, one interview per
// reference and agency however often the system sends it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn('coaching_delay_minutes', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`coaching_delay_minutes between 0 and 120`),
    )
    .execute()
  await db.schema
    .alterTable('interviews')
    .addColumn('canceled_at', 'timestamptz(3)')
    .addColumn('external_system', 'text')
    .addColumn('external_id', 'text')
    .addColumn('updated_at', 'timestamptz(3)')
    .execute()
  await db.schema
    .alterTable('interviews')
    .addCheckConstraint(
      'interviews_external_ref_whole',
      sql`(external_system is null) = (external_id is null)`,
    )
    .execute()
  await sql`create unique index interviews_external_ref_uq
    on interviews (agency_id, external_system, external_id)
    where external_system is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index interviews_external_ref_uq`.execute(db)
  await db.schema.alterTable('interviews').dropConstraint('interviews_external_ref_whole').execute()
  await db.schema
    .alterTable('interviews')
    .dropColumn('canceled_at')
    .dropColumn('external_system')
    .dropColumn('external_id')
    .dropColumn('updated_at')
    .execute()
  await db.schema.alterTable('agencies').dropColumn('coaching_delay_minutes').execute()
}
