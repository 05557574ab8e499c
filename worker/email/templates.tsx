import { capitalized, fill, parts, plain, type Params } from '../i18n/catalog'
import { messagesFor, type Language } from '../i18n'
import { clip, firstName, formatDeadline, oneLine, timeLeft } from './format'
import { renderHtml, renderText, type Block, type EmailContent, type Inline } from './layout'

export interface CoachingEmailInput {
  agency: {
    name: string
    branding: {
      logoUrl: string | null
      primaryColor: string
      accentColor: string
      senderName: string | null
      replyTo: string | null
    }
    routingMode: 'direct' | 'via_recruiter'
    timeZone: string
  }
  /** the name they go by: a preferred name, else their full name (greeted by its first word) */
  candidateName: string
  /** what the email is written in: the candidate's language */
  language: Language
  /** where the deadline is given: the candidate's time zone, else the agency's */
  timeZone: string
  recruiterName: string | null
  roleTitle: string
  clientCompany: string
  interviewers: { name: string; title: string | null }[]
  interviewEndsAt: Date
  /** end of the 24-hour window */
  deadline: Date
  pageUrl: string
  unsubscribeUrl: string
  /** The moment the email is rendered, for the reminder's "hours left"; defaults to now. */
  now?: Date
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

// Long subjects get cut off on phones, and the company name is the part worth keeping visible.
const maxSubjectLength = 80

/** The input with every user string made a single clean line, so no part can differ. */
function tidy(input: CoachingEmailInput) {
  const m = messagesFor(input.language)
  const recruiterName = input.recruiterName === null ? '' : oneLine(input.recruiterName)
  return {
    ...input,
    agencyName: oneLine(input.agency.name),
    candidateName: oneLine(input.candidateName),
    recruiterName: recruiterName || null,
    roleTitle: oneLine(input.roleTitle),
    clientCompany: oneLine(input.clientCompany),
    interviewers: input.interviewers
      .map((person) => ({
        name: oneLine(person.name),
        title: person.title === null ? '' : oneLine(person.title),
      }))
      .filter((person) => person.name !== ''),
    greetingName: firstName(input.candidateName),
    deadlineText: formatDeadline(input.deadline, input.timeZone, m),
    m,
    /** rendered after the 24 hours (an interview logged late): no deadline in the past */
    windowPassed: input.deadline.getTime() <= (input.now ?? new Date()).getTime(),
  }
}

type Tidy = ReturnType<typeof tidy>

function subjectAbout(company: string, build: (company: string) => string): string {
  return oneLine(build(clip(company, maxSubjectLength - build('').length)))
}

/** A template as email text: `**bold**` runs kept apart, placeholders filled. */
function rich(template: string, params: Params): Inline[] {
  return parts<never>(template, params)
}

function whoToThank(d: Tidy): string {
  const list = new Intl.ListFormat(d.m.meta.locale, { type: 'conjunction' })
  return d.interviewers.length > 0
    ? list.format(d.interviewers.map((person) => person.name))
    : d.m.email.everyone
}

function deadlineCallout(d: Tidy): Block {
  const text = d.windowPassed ? d.m.email.windowPassed : d.m.email.deadline
  return { kind: 'callout', text: rich(text, { deadline: d.deadlineText }) }
}

function routingAdvice(d: Tidy): Inline[] {
  if (d.agency.routingMode === 'direct') return [d.m.email.routingDirect]
  return rich(d.m.email.routingViaRecruiter, {
    recruiter: d.recruiterName ?? d.m.email.yourRecruiter,
    agency: d.agencyName,
    company: d.clientCompany,
  })
}

function writeButton(d: Tidy): Block {
  return { kind: 'button', label: d.m.email.button, href: d.pageUrl }
}

function signOff(d: Tidy): Block {
  const team = fill(d.m.email.agencyTeam, { agency: d.agencyName })
  return { kind: 'signoff', lines: [d.m.email.signOff, d.recruiterName ?? team] }
}

function envelope(d: Tidy, preheader: string, blocks: Block[]): EmailContent {
  return {
    language: d.m.meta.locale,
    preheader,
    blocks,
    brand: {
      agencyName: d.agencyName,
      logoUrl: d.agency.branding.logoUrl,
      primaryColor: d.agency.branding.primaryColor,
      accentColor: d.agency.branding.accentColor,
    },
    footer: {
      reason: fill(d.m.email.footer, { agency: d.agencyName, company: d.clientCompany }),
      unsubscribeLabel: d.m.email.unsubscribe,
      unsubscribeLine: d.m.email.unsubscribeLine,
      unsubscribeUrl: d.unsubscribeUrl,
    },
  }
}

function rendered(subject: string, content: EmailContent): RenderedEmail {
  return { subject, html: renderHtml(content), text: renderText(content) }
}

/** The email sent right after an interview: why a note helps, by when, to whom, and how. */
export function renderCoachingEmail(input: CoachingEmailInput): RenderedEmail {
  const d = tidy(input)
  const { email } = d.m
  const subject = subjectAbout(d.clientCompany, (company) => fill(email.subject, { company }))
  const names = { name: d.greetingName, role: d.roleTitle, company: d.clientCompany }
  const blocks: Block[] = [
    { kind: 'heading', text: email.heading },
    { kind: 'paragraph', text: rich(email.intro, names) },
    deadlineCallout(d),
  ]
  if (d.interviewers.length > 0) {
    blocks.push({
      kind: 'list',
      title: email.whoToThank,
      items: d.interviewers.map((person) =>
        person.title ? fill(email.personWithTitle, person) : person.name,
      ),
    })
  }
  blocks.push(
    writeButton(d),
    { kind: 'paragraph', text: [email.draftsReady] },
    { kind: 'list', title: email.tipsTitle, items: [...email.tips] },
    { kind: 'paragraph', text: routingAdvice(d) },
    { kind: 'paragraph', text: [d.m.evidence] },
    signOff(d),
  )
  const preheader = d.windowPassed
    ? email.preheaderLate
    : fill(email.preheader, { deadline: d.deadlineText })
  return rendered(subject, envelope(d, preheader, blocks))
}

/** The nudge sent a few hours before the window closes: shorter, same button. */
export function renderReminderEmail(input: CoachingEmailInput): RenderedEmail {
  const d = tidy(input)
  const { reminder } = d.m
  const { locale } = d.m.meta
  const left = timeLeft(input.deadline, input.now ?? new Date(), d.m)
  const params = { name: d.greetingName, company: d.clientCompany, who: whoToThank(d) }
  const tail: Block[] = [
    writeButton(d),
    { kind: 'paragraph', text: routingAdvice(d) },
    { kind: 'paragraph', text: [reminder.alreadySent] },
    signOff(d),
  ]
  if (left === null) {
    // Sent late (a delayed queue): the day after is still worth it, so say so rather than nag.
    const subject = subjectAbout(d.clientCompany, (company) =>
      capitalized(fill(reminder.lateSubject, { company }), locale),
    )
    const blocks: Block[] = [
      { kind: 'heading', text: reminder.lateHeading },
      { kind: 'paragraph', text: rich(reminder.lateIntro, params) },
      ...tail,
    ]
    return rendered(subject, envelope(d, reminder.latePreheader, blocks))
  }
  const subject = subjectAbout(d.clientCompany, (company) =>
    capitalized(fill(reminder.subject, { left, company }), locale),
  )
  const blocks: Block[] = [
    { kind: 'heading', text: reminder.heading },
    { kind: 'paragraph', text: rich(reminder.intro, { ...params, left }) },
    deadlineCallout(d),
    ...tail,
  ]
  const preheader = capitalized(plain(reminder.preheader, { ...params, left }), locale)
  return rendered(subject, envelope(d, preheader, blocks))
}
