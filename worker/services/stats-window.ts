import { sql } from 'kysely'
import { noteDeadlineSql, noteWindowMs } from '../lib/note-window'
import { interviewLimits } from '../schemas/interview-limits'

/**
 * Whether the interview of facts row `alias` still has its note window open at `now`: only one
 * that started within the window and the longest interview before `now` can, so only those are
 * looked up. (Coached without a note is the caller's part: it reads the profile.)
 */
export function openWindowSql(alias: string, now: Date) {
  const recent = new Date(now.getTime() - noteWindowMs - interviewLimits.maxMinutes * 60_000)
  return sql<boolean>`${sql.ref(`${alias}.starts_at`)} > ${recent}
    and exists (select 1 from interviews i where i.id = ${sql.ref(`${alias}.interview_id`)}
      and ${noteDeadlineSql(sql.ref<Date>('i.ends_at'))} > ${now})`
}
