import type { Migration } from 'kysely/migration'
import * as createTenancy from './2026_11_22_000100_create_tenancy'
import * as createCoaching from './2026_11_22_000200_create_coaching'
import * as createDrafts from './2026_11_22_000300_create_drafts'
import * as addStatsIndexes from './2026_11_22_000400_add_stats_indexes'
import * as addRetention from './2026_11_22_000500_add_retention'
import * as protectCandidates from './2026_11_30_000100_protect_candidates'
import * as addSendQuotas from './2026_11_30_000200_add_send_quotas'
import * as addSessionRevocation from './2026_11_30_000300_add_session_revocation'
import * as scheduleInterviews from './2026_11_30_000400_schedule_interviews'
import * as createIntegrations from './2026_11_30_000500_create_integrations'
import * as addOutcomes from './2026_11_30_000600_add_outcomes'
import * as addWriteBacks from './2026_11_30_000700_add_write_backs'
import * as addPollState from './2026_11_30_000800_add_poll_state'
import * as addInterviewFacts from './2026_11_30_000900_add_interview_facts'
import * as addLanguages from './2026_11_30_001000_add_languages'
import * as addTexts from './2026_12_01_000100_add_texts'
import * as addTextFacts from './2026_12_01_000200_add_text_facts'
import * as onePageView from './2026_12_01_000300_one_page_view'
import * as addStatsDays from './2026_12_01_000400_add_stats_days'
import * as addStatsWeeks from './2026_12_01_000500_add_stats_weeks'

/** Every migration, by name; the names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026_11_22_000100_create_tenancy': createTenancy,
  '2026_11_22_000200_create_coaching': createCoaching,
  '2026_11_22_000300_create_drafts': createDrafts,
  '2026_11_22_000400_add_stats_indexes': addStatsIndexes,
  '2026_11_22_000500_add_retention': addRetention,
  '2026_11_30_000100_protect_candidates': protectCandidates,
  '2026_11_30_000200_add_send_quotas': addSendQuotas,
  '2026_11_30_000300_add_session_revocation': addSessionRevocation,
  '2026_11_30_000400_schedule_interviews': scheduleInterviews,
  '2026_11_30_000500_create_integrations': createIntegrations,
  '2026_11_30_000600_add_outcomes': addOutcomes,
  '2026_11_30_000700_add_write_backs': addWriteBacks,
  '2026_11_30_000800_add_poll_state': addPollState,
  '2026_11_30_000900_add_interview_facts': addInterviewFacts,
  '2026_11_30_001000_add_languages': addLanguages,
  '2026_12_01_000100_add_texts': addTexts,
  '2026_12_01_000200_add_text_facts': addTextFacts,
  '2026_12_01_000300_one_page_view': onePageView,
  '2026_12_01_000400_add_stats_days': addStatsDays,
  '2026_12_01_000500_add_stats_weeks': addStatsWeeks,
}
