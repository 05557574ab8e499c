import { thankYouEvidence } from '../lib/evidence'
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
  candidateName: string
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
    deadlineText: formatDeadline(input.deadline, input.agency.timeZone),
    /** rendered after the 24 hours (an interview logged late): no deadline in the past */
    windowPassed: input.deadline.getTime() <= (input.now ?? new Date()).getTime(),
  }
}

type Tidy = ReturnType<typeof tidy>

function subjectAbout(company: string, build: (company: string) => string): string {
  return oneLine(build(clip(company, maxSubjectLength - build('').length)))
}

function joinNames(names: string[]): string {
  return new Intl.ListFormat('en', { type: 'conjunction' }).format(names)
}

function whoToThank(d: Tidy): string {
  return d.interviewers.length > 0
    ? joinNames(d.interviewers.map((person) => person.name))
    : 'each person you met'
}

function deadlineCallout(d: Tidy): Block {
  if (d.windowPassed) {
    return {
      kind: 'callout',
      text: [
        'The 24 hours after your interview have passed, but ',
        { strong: 'a note sent today still helps' },
        ': send it as soon as you can.',
      ],
    }
  }
  return {
    kind: 'callout',
    text: [
      'Send them ',
      { strong: `by ${d.deadlineText}` },
      ', within 24 hours of your interview.',
    ],
  }
}

function routingAdvice(d: Tidy): Inline[] {
  if (d.agency.routingMode === 'direct') {
    return ['Email each note straight to the person it is for.']
  }
  const recruiter = d.recruiterName ?? 'your recruiter'
  return [
    'Send your notes to ',
    { strong: recruiter },
    ` at ${d.agencyName}, who will pass them on to ${d.clientCompany} for you.`,
  ]
}

function writeButton(d: Tidy): Block {
  return { kind: 'button', label: 'Write your thank-you notes', href: d.pageUrl }
}

function signOff(d: Tidy): Block {
  return {
    kind: 'signoff',
    lines: ['Rooting for you,', d.recruiterName ?? `The ${d.agencyName} team`],
  }
}

function envelope(d: Tidy, preheader: string, blocks: Block[]): EmailContent {
  return {
    preheader,
    blocks,
    brand: {
      agencyName: d.agencyName,
      logoUrl: d.agency.branding.logoUrl,
      primaryColor: d.agency.branding.primaryColor,
      accentColor: d.agency.branding.accentColor,
    },
    footer: {
      reason: `You're getting this because ${d.agencyName} arranged your interview at ${d.clientCompany}.`,
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
  const subject = subjectAbout(d.clientCompany, (company) => `Your thank-you notes for ${company}`)
  const blocks: Block[] = [
    { kind: 'heading', text: 'Next: a short thank-you to each person you met' },
    {
      kind: 'paragraph',
      text: [
        `Hi ${d.greetingName}, well done on your interview for the ${d.roleTitle} role at ${d.clientCompany}. `,
        'A brief note to each interviewer helps them remember you, and most candidates never send one.',
      ],
    },
    deadlineCallout(d),
  ]
  if (d.interviewers.length > 0) {
    blocks.push({
      kind: 'list',
      title: 'Who to thank',
      items: d.interviewers.map((person) =>
        person.title ? `${person.name}, ${person.title}` : person.name,
      ),
    })
  }
  blocks.push(
    writeButton(d),
    {
      kind: 'paragraph',
      text: ['Your page has a draft for each person. Add a detail only you know, and send.'],
    },
    {
      kind: 'list',
      title: 'Four quick tips',
      items: [
        'One note per person, addressed by name, each a little different.',
        'Mention one thing you talked about, so it is clearly yours.',
        'Say in a sentence or two why you want the role and what you would bring.',
        'Keep it to a few short paragraphs, and proofread names, company and spelling.',
      ],
    },
    { kind: 'paragraph', text: routingAdvice(d) },
    {
      kind: 'paragraph',
      text: [thankYouEvidence.sentence],
    },
    signOff(d),
  )
  const preheader = d.windowPassed
    ? 'A short note to each interviewer helps them remember you, and today is not too late.'
    : `A short note to each interviewer helps them remember you. Send by ${d.deadlineText}.`
  return rendered(subject, envelope(d, preheader, blocks))
}

/** The nudge sent a few hours before the window closes: shorter, same button. */
export function renderReminderEmail(input: CoachingEmailInput): RenderedEmail {
  const d = tidy(input)
  const left = timeLeft(input.deadline, input.now ?? new Date())
  const who = whoToThank(d)
  if (left === null) {
    // Sent late (a delayed queue): the day after is still worth it, so say so rather than nag.
    const subject = subjectAbout(d.clientCompany, (c) => `It's not too late to thank ${c}`)
    const blocks: Block[] = [
      { kind: 'heading', text: 'A thank-you note today still helps' },
      {
        kind: 'paragraph',
        text: [
          `Hi ${d.greetingName}, the 24-hour window after your ${d.clientCompany} interview has `,
          `passed, but a short note to ${who} sent today still helps them remember you.`,
        ],
      },
      writeButton(d),
      { kind: 'paragraph', text: routingAdvice(d) },
      { kind: 'paragraph', text: ['Already sent them? Well done, you can ignore this one.'] },
      signOff(d),
    ]
    return rendered(subject, envelope(d, 'A short note sent today still helps.', blocks))
  }
  const capitalised = left.charAt(0).toUpperCase() + left.slice(1)
  const subject = subjectAbout(
    d.clientCompany,
    (company) => `${capitalised} left for your ${company} thank-you notes`,
  )
  const blocks: Block[] = [
    { kind: 'heading', text: 'Your thank-you notes are due soon' },
    {
      kind: 'paragraph',
      text: [
        `Hi ${d.greetingName}, your window to thank ${who} at ${d.clientCompany} `,
        `closes in ${left}. A few short lines are all it takes.`,
      ],
    },
    deadlineCallout(d),
    writeButton(d),
    { kind: 'paragraph', text: routingAdvice(d) },
    { kind: 'paragraph', text: ['Already sent them? Well done, you can ignore this one.'] },
    signOff(d),
  ]
  const preheader = `${capitalised} left to thank ${who}. A few short lines are all it takes.`
  return rendered(subject, envelope(d, preheader, blocks))
}
