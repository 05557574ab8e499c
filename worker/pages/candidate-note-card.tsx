import { firstName, oneLine } from '../email/format'
import { maxDraftChars } from '../schemas/candidate'
import { contactEmailOf, type CandidatePage, type NoteView } from '../services/candidate-page'
import { draftNote, mailSubject, recruiterIntro } from './candidate-draft'
import {
  blanksIn,
  blanksText,
  mailtoHref,
  sentText,
  toggleClass,
  toggleLabel,
  wordCount,
  wordsText,
} from './candidate-note-text'

export interface NoteCardProps {
  page: CandidatePage
  person: NoteView
  index: number
  token: string
}

const checklist = [
  'Their name spelled exactly as they spell it',
  'The company and role named correctly',
  'Every [blank] replaced with your own words',
  'Read once aloud: short sentences, no typos',
]

/**
 * One interviewer's note. Without JavaScript it is a plain form posting back to us; the page
 * script finds the data-* hooks and saves, counts and marks in place instead.
 */
export function NoteCard({ page, person, index, token }: NoteCardProps) {
  const name = oneLine(person.name)
  const title = person.title ? oneLine(person.title) : ''
  const body =
    person.draft ??
    draftNote({
      interviewerName: person.name,
      index,
      roleTitle: page.roleTitle,
      clientCompany: page.clientCompany,
      talkingPoints: page.talkingPoints,
      candidateName: page.candidateName,
    })
  const viaRecruiter = page.agency.routingMode === 'via_recruiter'
  const to = (viaRecruiter ? contactEmailOf(page) : person.email) ?? ''
  const subject = mailSubject(page.agency.routingMode, name, page.roleTitle, page.clientCompany)
  const intro = viaRecruiter ? recruiterIntro(page.recruiter?.name ?? null, name) : ''
  const id = person.id
  return (
    <section
      class={`box note${person.sent ? ' marked' : ''}`}
      id={`note-${id}`}
      aria-labelledby={`name-${id}`}
      data-note={id}
      data-to={to}
      data-subject={subject}
      data-intro={intro}
    >
      <h2 id={`name-${id}`}>{name}</h2>
      {title && <p class="muted">{title}</p>}
      <p class="state" data-state aria-live="polite">
        {sentText(person.sent)}
      </p>
      <form method="post" action={`/c/${token}/notes/${id}`}>
        <label for={`draft-${id}`}>Your note to {firstName(name)}</label>
        <textarea
          id={`draft-${id}`}
          name="body"
          value={body}
          maxLength={maxDraftChars}
          rows={14}
          data-draft
        />
        <p class="meta" data-count>
          {wordsText(wordCount(body))}
        </p>
        <p class="meta" data-blanks aria-live="polite">
          {blanksText(blanksIn(body))}
        </p>
        <p class="meta" data-saved aria-live="polite">
          {person.draft === null ? 'A draft to start from.' : 'Your saved draft.'}
        </p>
        <details>
          <summary>Proofread before sending</summary>
          <ul>
            {checklist.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        </details>
        <div class="actions">
          <button class="btn" type="submit" name="action" value="save" data-save>
            Save draft
          </button>
          <button class="btn" type="button" data-copy hidden>
            Copy
          </button>
          <a class="btn" href={mailtoHref(to, subject, intro + body)} data-mail>
            Open in email app
          </a>
          <button
            class={toggleClass(person.sent)}
            type="submit"
            name="action"
            value={person.sent ? 'unsent' : 'sent'}
            data-toggle
          >
            {toggleLabel(person.sent)}
          </button>
        </div>
      </form>
    </section>
  )
}
