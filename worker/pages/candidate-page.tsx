import { firstName, formatDeadline, httpUrl, oneLine } from '../email/format'
import { fill } from '../i18n/catalog'
import { languageChoices, messagesFor, type Messages } from '../i18n'
import { contactEmailOf, type CandidatePage } from '../services/candidate-page'
import { candidatePageCss } from './candidate-page-css'
import { Guide } from './candidate-guide'
import { NoteCard } from './candidate-note-card'
import { liveWords, progressText, timeLeftText } from './candidate-note-text'
import { pageHeaders, renderDocument } from './layout'
import { Rich } from './rich'
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

interface Props {
  page: CandidatePage
  m: Messages
}

function RoutingAdvice({ page, m }: Props) {
  const company = oneLine(page.clientCompany)
  const who = page.recruiter ? oneLine(page.recruiter.name) : m.page.yourRecruiter
  const contact = contactEmailOf(page)
  const mailto = contact ? <a href={`mailto:${contact}`}>{contact}</a> : ''
  if (page.agency.routingMode === 'direct') {
    const missing = page.interviewers.some((p) => !p.email)
    const ask = contact ? m.page.askForAddressAt : m.page.askForAddress
    return (
      <p>
        {m.page.routingDirect}
        {missing && ' '}
        {missing && <Rich text={ask} values={{ who, email: mailto }} />}
      </p>
    )
  }
  const text = contact ? m.page.viaRecruiterAt : m.page.viaRecruiter
  const agency = oneLine(page.agency.name)
  return (
    <p>
      <Rich text={text} values={{ who, email: contact ?? '', agency, company }} />
    </p>
  )
}

function Top({ page, m, now }: Props & { now: Date }) {
  const deadline = noteDeadline(page.endsAt)
  const sent = page.interviewers.filter((p) => p.sent).length
  const name = page.preferredName ?? (page.candidateName ? firstName(page.candidateName) : '')
  const open = deadline.getTime() > now.getTime()
  const w = liveWords(m)
  const deadlineText = (
    <strong data-deadline-at={deadline.toISOString()}>
      {formatDeadline(deadline, page.timeZone, m)}
    </strong>
  )
  return (
    <>
      <h1>{name ? fill(m.page.headingNamed, { name: oneLine(name) }) : m.page.heading}</h1>
      <p>
        <Rich
          text={m.page.forInterview}
          values={{ role: oneLine(page.roleTitle), company: oneLine(page.clientCompany) }}
        />
      </p>
      <div class="box marked">
        {open ? (
          <p>
            <Rich text={m.page.sendBy} values={{ deadline: deadlineText }} />{' '}
            <span data-deadline={deadline.toISOString()}>
              {timeLeftText(w, deadline.getTime() - now.getTime()) ?? m.live.windowClosed}
            </span>
          </p>
        ) : (
          <p>
            <strong>{m.live.windowClosed}</strong> {m.page.sendAsap}
          </p>
        )}
        <RoutingAdvice page={page} m={m} />
        <p class="state" data-progress aria-live="polite">
          {progressText(w, sent, page.interviewers.length)}
        </p>
        <p class="muted">
          {fill(m.page.howTo, { button: m.live.markSent })} <a href="#guide">{m.page.whyLink}</a>
        </p>
      </div>
    </>
  )
}

/** Links to this page in each other language: the page's own text changes, the drafts do not. */
function LanguageSwitch({ page, m, token }: Props & { token: string }) {
  return (
    <nav class="langs" aria-label={m.page.languageLabel}>
      {languageChoices.map(({ code, name }) =>
        code === page.language ? (
          <strong lang={code} aria-current="page">
            {name}
          </strong>
        ) : (
          <a href={`/c/${token}?lang=${code}`} lang={code} hreflang={code}>
            {name}
          </a>
        ),
      )}
    </nav>
  )
}

function CandidateBody({ page, m, token, now }: Props & { token: string; now: Date }) {
  const agencyName = oneLine(page.agency.name)
  const logo = httpUrl(page.agency.branding.logoUrl)
  return (
    <>
      <header class="brand">
        {logo ? <img src={logo} alt={agencyName} /> : <span>{agencyName}</span>}
      </header>
      <main data-words={JSON.stringify(liveWords(m))}>
        <LanguageSwitch page={page} m={m} token={token} />
        <Top page={page} m={m} now={now} />
        {page.interviewers.map((person, index) => (
          <NoteCard page={page} m={m} person={person} index={index} token={token} />
        ))}
        <Guide page={page} m={m} />
        <p class="muted">{fill(m.page.footer, { agency: agencyName })}</p>
      </main>
    </>
  )
}

/** The candidate's page in its language; send it with `candidatePageHeaders`. */
export function renderCandidatePage(page: CandidatePage, token: string, now: Date): string {
  const m = messagesFor(page.language)
  return renderDocument({
    title: fill(m.page.title, { agency: oneLine(page.agency.name) }),
    lang: m.meta.locale,
    css: candidatePageCss(page.agency.branding),
    script: candidateScriptPath,
    children: <CandidateBody page={page} m={m} token={token} now={now} />,
  })
}
