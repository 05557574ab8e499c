import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Db } from '../../db/client'
import type { Language } from '../i18n/catalog'
import type { Agency } from '../schemas/agency'
import { toAgency } from './agencies'
import type { LinkTarget } from './coaching-links'

export interface NoteView {
  id: string
  name: string
  title: string | null
  email: string | null
  sent: boolean
  /** the candidate's saved draft, or null while they have not saved one */
  draft: string | null
}

/** Everything the candidate's page shows, read for the interview behind their link. */
export interface CandidatePage {
  agency: Agency
  candidateName: string | null
  /** what they go by, when not the first word of their name */
  preferredName: string | null
  /** the page's language: the candidate's, unless they switched */
  language: Language
  /** the candidate's own language */
  candidateLanguage: Language
  /** the drafts' language: the one the interview was held in */
  noteLanguage: Language
  /** where the deadline is given before the page's script shows the device's time */
  timeZone: string
  recruiter: { name: string; email: string | null } | null
  roleTitle: string
  clientCompany: string
  endsAt: Date
  talkingPoints: string | null
  interviewers: NoteView[]
}

export async function loadCandidatePage(db: Db, target: LinkTarget): Promise<CandidatePage> {
  // the interview with its agency and people in one statement (each costs the driver two round
  // trips); the people come as JSON, put in order here rather than trusting the aggregate's
  const interview = await db
    .selectFrom('interviews as i')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .leftJoin('recruiters as r', 'r.id', 'i.recruiter_id')
    .selectAll('a')
    .select((eb) => [
      'i.role_title',
      'i.client_company',
      'i.ends_at',
      'i.talking_points',
      'i.candidate_name',
      'i.candidate_preferred_name',
      'i.candidate_time_zone',
      'i.note_language',
      'r.name as recruiter_name',
      'r.email as recruiter_email',
      jsonArrayFrom(
        eb
          .selectFrom('interviewers as p')
          .leftJoin('drafts as d', 'd.interviewer_id', 'p.id')
          .select(['p.id', 'p.position', 'p.name', 'p.title', 'p.email', 'd.body'])
          .select(sql<boolean>`p.note_sent_at is not null`.as('sent'))
          .whereRef('p.interview_id', '=', 'i.id'),
      ).as('people'),
    ])
    .where('i.agency_id', '=', target.agencyId)
    .where('i.id', '=', target.interviewId)
    .executeTakeFirstOrThrow()
  const people = interview.people.sort((a, b) => a.position - b.position)
  const agency = toAgency(interview)
  return {
    agency,
    candidateName: interview.candidate_name,
    preferredName: interview.candidate_preferred_name,
    language: target.language,
    candidateLanguage: target.language,
    noteLanguage: interview.note_language,
    timeZone: interview.candidate_time_zone ?? agency.timeZone,
    recruiter:
      interview.recruiter_name === null
        ? null
        : { name: interview.recruiter_name, email: interview.recruiter_email },
    roleTitle: interview.role_title,
    clientCompany: interview.client_company,
    endsAt: interview.ends_at,
    talkingPoints: interview.talking_points,
    interviewers: people.map((p) => ({
      id: p.id,
      name: p.name,
      title: p.title,
      email: p.email,
      sent: p.sent,
      draft: p.body,
    })),
  }
}

/** Where the candidate can write for help or send their notes: the recruiter, else the agency. */
export const contactEmailOf = (page: CandidatePage) =>
  page.recruiter?.email ?? page.agency.branding.replyTo ?? null
