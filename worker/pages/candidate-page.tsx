import { firstName, formatDeadline, httpUrl, oneLine } from '../email/format'
import { contactEmailOf, type CandidatePage } from '../services/candidate-page'
import { candidatePageCss } from './candidate-page-css'
import { Guide } from './candidate-guide'
import { NoteCard } from './candidate-note-card'
import { progressText, timeLeftText, windowClosedText } from './candidate-note-text'
import { pageHeaders, renderDocument } from './layout'
import { noteDeadline } from '../lib/note-window'

/** Built from worker/pages/candidate-page.client.ts into dist/widget by worker/build.ts. */
export const candidateScriptPath = '/assets/candidate.js'

/**
 * The page's own script, loaded from this origin, is the only script; no inline code, so an
 * injected tag cannot run. It may call back only to us (autosave, events), images come only
 * over https (the agency's logo), and the rest is as strict as every candidate page.
 */
export const candidatePageHeaders: Record<string, string> = {
  ...pageHeaders,
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; img-src https:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}

function RoutingAdvice({ page }: { page: CandidatePage }) {
  const company = oneLine(page.clientCompany)
  const who = page.recruiter ? oneLine(page.recruiter.name) : 'your recruiter'
  const contact = contactEmailOf(page)
  if (page.agency.routingMode === 'direct') {
    const missing = page.interviewers.some((p) => !p.email)
    return (
      <p>
        Email each note straight to the person it is for.
        {missing && (
          <>
            {` If you don't have someone's address, ask ${who}`}
            {contact ? (
              <>
                {' at '}
                <a href={`mailto:${contact}`}>{contact}</a>.
              </>
            ) : (
              '.'
            )}
          </>
        )}
      </p>
    )
  }
  return (
    <p>
      Send all your notes to <strong>{who}</strong>
      {contact && ` (${contact})`} at {oneLine(page.agency.name)}, who will pass them on to{' '}
      {company}, rather than writing to the interviewers yourself.
    </p>
  )
}

function Top({ page, now }: { page: CandidatePage; now: Date }) {
  const deadline = noteDeadline(page.endsAt)
  const sent = page.interviewers.filter((p) => p.sent).length
  const greeting = page.candidateName ? `, ${firstName(page.candidateName)}` : ''
  const open = deadline.getTime() > now.getTime()
  return (
    <>
      <h1>Your thank-you notes{greeting}</h1>
      <p>
        For your interview for <strong>{oneLine(page.roleTitle)}</strong> at{' '}
        <strong>{oneLine(page.clientCompany)}</strong>.
      </p>
      <div class="box marked">
        {open ? (
          <p>
            Send them by{' '}
            <strong data-deadline-at={deadline.toISOString()}>
              {formatDeadline(deadline, page.agency.timeZone)}
            </strong>
            , within 24 hours of your interview.{' '}
            <span data-deadline={deadline.toISOString()}>
              {timeLeftText(deadline.getTime() - now.getTime()) ?? windowClosedText}
            </span>
          </p>
        ) : (
          <p>
            <strong>{windowClosedText}</strong> Send yours as soon as you can.
          </p>
        )}
        <RoutingAdvice page={page} />
        <p class="state" data-progress aria-live="polite">
          {progressText(sent, page.interviewers.length)}
        </p>
        <p class="muted">
          Below is a draft for each person. Fill in the [blanks], send it, then press "I sent it".{' '}
          <a href="#guide">Why it helps</a>
        </p>
      </div>
    </>
  )
}

function CandidateBody({ page, token, now }: { page: CandidatePage; token: string; now: Date }) {
  const agencyName = oneLine(page.agency.name)
  const logo = httpUrl(page.agency.branding.logoUrl)
  return (
    <>
      <header class="brand">
        {logo ? <img src={logo} alt={agencyName} /> : <span>{agencyName}</span>}
      </header>
      <main>
        <Top page={page} now={now} />
        {page.interviewers.map((person, index) => (
          <NoteCard page={page} person={person} index={index} token={token} />
        ))}
        <Guide page={page} />
        <p class="muted">
          Sent to you by {agencyName} through Followthrough. Your notes are saved for this link
          only.
        </p>
      </main>
    </>
  )
}

/** The candidate's page; send it with `candidatePageHeaders`. */
export function renderCandidatePage(page: CandidatePage, token: string, now: Date): string {
  return renderDocument({
    title: `Your thank-you notes · ${oneLine(page.agency.name)}`,
    css: candidatePageCss(page.agency.branding),
    script: candidateScriptPath,
    children: <CandidateBody page={page} token={token} now={now} />,
  })
}
