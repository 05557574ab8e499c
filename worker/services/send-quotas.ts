import { sql } from 'kysely'
import type { Db } from '../../db/client'
import { ApiError } from '../errors'
import type { QuotaWindow, SendUsage } from '../schemas/agency'

const hourMs = 3_600_000
const dayMs = 24 * hourMs

/** Fixed windows on the UTC clock: an agency's day starts at 00:00 UTC, a recruiter's hour on the hour. */
function windowOf(now: Date, lengthMs: number) {
  const start = Math.floor(now.getTime() / lengthMs) * lengthMs
  return { start: new Date(start), end: new Date(start + lengthMs) }
}

/** Each quota: the agency's column holding its limit, its window, and whose count it is. */
const quotas = {
  agency_daily_send_quota: { windowMs: dayMs, whose: "The agency's daily quota" },
  recruiter_hourly_send_quota: { windowMs: hourMs, whose: "This recruiter's hourly quota" },
}

type Limit = keyof typeof quotas

/** The agency's limit, read in the statement that bumps the counter: a change applies at once. */
const limitOf = (agencyId: string, limit: Limit) =>
  sql<number>`(select ${sql.ref(limit)} from agencies where id = ${agencyId})`

/**
 * Counts one coaching email against the agency's daily quota and, when it goes out in a
 * recruiter's name, against that recruiter's hourly quota. Run it in the transaction that queues
 * the email: a refusal throws `quota_exceeded` and the rollback takes back everything the request
 * wrote, this count included. Each counter is one row, bumped only while under its limit;
 * concurrent sends wait on its lock and then see the count the first one committed, so none
 * overshoots. The row stays locked until commit, so callers take it as late as they can; the
 * agency's row always comes first, so no two sends wait on each other in opposite orders.
 */
export async function countCoachingEmail(
  trx: Db,
  agencyId: string,
  recruiterId: string | null,
  now: Date,
): Promise<void> {
  await countAgainst(trx, agencyId, null, 'agency_daily_send_quota', now)
  if (recruiterId !== null) {
    await countAgainst(trx, agencyId, recruiterId, 'recruiter_hourly_send_quota', now)
  }
}

/** One quota's part of countCoachingEmail: the bump, or the refusal with its Retry-After. */
async function countAgainst(
  trx: Db,
  agencyId: string,
  recruiterId: string | null,
  limit: Limit,
  now: Date,
): Promise<void> {
  const { windowMs, whose } = quotas[limit]
  const window = windowOf(now, windowMs)
  if (await bump(trx, agencyId, recruiterId, window, limit)) return
  const seconds = Math.max(1, Math.ceil((window.end.getTime() - now.getTime()) / 1000))
  throw new ApiError(
    'quota_exceeded',
    `${whose} of coaching emails is used up; it frees at ${window.end.toISOString()}.`,
    [],
    { 'Retry-After': String(seconds) },
  )
}

/**
 * Adds one to a counter (the agency's when `recruiterId` is null, else that recruiter's) unless it
 * has reached its limit; false when it has.
 */
async function bump(
  trx: Db,
  agencyId: string,
  recruiterId: string | null,
  window: { start: Date },
  limit: Limit,
): Promise<boolean> {
  const row = await trx
    .insertInto('send_quota_usage')
    .values({
      agency_id: agencyId,
      recruiter_id: recruiterId,
      window_start: window.start,
      count: 1,
    })
    .onConflict((oc) =>
      (recruiterId === null
        ? oc.columns(['agency_id', 'window_start']).where('recruiter_id', 'is', null)
        : oc
            .columns(['agency_id', 'window_start', 'recruiter_id'])
            .where('recruiter_id', 'is not', null)
      )
        .doUpdateSet({ count: sql`send_quota_usage.count + 1` })
        .where(sql<boolean>`send_quota_usage.count < ${limitOf(agencyId, limit)}`),
    )
    .returning('count')
    .executeTakeFirst()
  return row !== undefined
}

function toQuotaWindow(limit: number, used: number, window: { start: Date; end: Date }) {
  return {
    limit,
    used,
    remaining: Math.max(0, limit - used),
    windowStart: window.start.toISOString(),
    resetsAt: window.end.toISOString(),
  } satisfies QuotaWindow
}

/**
 * The agency's use of its quotas now: today's count, and this hour's count for each recruiter
 * who has sent in it (the busiest 100).
 */
export async function getSendUsage(db: Db, agencyId: string, now: Date): Promise<SendUsage> {
  const day = windowOf(now, dayMs)
  const hour = windowOf(now, hourMs)
  const [agency, today, recruiters] = await Promise.all([
    db
      .selectFrom('agencies')
      .select(['agency_daily_send_quota', 'recruiter_hourly_send_quota'])
      .where('id', '=', agencyId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('send_quota_usage')
      .select('count')
      .where('agency_id', '=', agencyId)
      .where('recruiter_id', 'is', null)
      .where('window_start', '=', day.start)
      .executeTakeFirst(),
    db
      .selectFrom('send_quota_usage as u')
      .innerJoin('recruiters as r', 'r.id', 'u.recruiter_id')
      .select(['r.id', 'r.name', 'u.count'])
      .where('u.agency_id', '=', agencyId)
      .where('u.recruiter_id', 'is not', null)
      .where('u.window_start', '=', hour.start)
      .orderBy('u.count', 'desc')
      .orderBy('r.name')
      .limit(100)
      .execute(),
  ])
  return {
    agency: toQuotaWindow(agency.agency_daily_send_quota, today?.count ?? 0, day),
    recruiters: recruiters.map((r) => ({
      recruiterId: r.id,
      name: r.name,
      ...toQuotaWindow(agency.recruiter_hourly_send_quota, r.count, hour),
    })),
  }
}

/** Windows that have closed are only history; the nightly cron drops them. */
export async function forgetClosedSendWindows(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('send_quota_usage')
    .where('window_start', '<', windowOf(now, dayMs).start)
    .execute()
}
