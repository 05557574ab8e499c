import { firstName, oneLine } from '../email/format'
import { fill } from '../i18n/catalog'
import { messagesFor, type Messages } from '../i18n'
import { maxDraftChars } from '../schemas/candidate'
import { contactEmailOf, type CandidatePage, type NoteView } from '../services/candidate-page'
import { draftNote, mailSubject, recruiterIntro } from './candidate-draft'
import {
  blanksIn,
  blanksText,
  liveWords,
  mailtoHref,
  sentText,
  toggleClass,
  toggleLabel,
  wordCount,
  wordsText,
} from './candidate-note-text'

export interface NoteCardProps {
  page: CandidatePage
  /** the page's words; the draft is in the note's language */
  m: Messages
  person: NoteView
  index: number
  token: string
}

/**
 * One interviewer's note. Without JavaScript it is a plain form posting back to us; the page
 * script finds the data-* hooks and saves, counts and marks in place instead.
 */
export function NoteCard({ page, m, person, index, token }: NoteCardProps) {
  const w = liveWords(m)
  const noteWords = messagesFor(page.noteLanguage).draft
  const name = oneLine(person.name)
  const title = person.title ? oneLine(person.title) : ''
  const body =
    person.draft ??
    draftNote(
      {
        interviewerName: person.name,
        index,
        language: page.noteLanguage,
        roleTitle: page.roleTitle,
        clientCompany: page.clientCompany,
        talkingPoints: page.talkingPoints,
        candidateName: page.candidateName,
      },
      noteWords,
    )
  const viaRecruiter = page.agency.routingMode === 'via_recruiter'
  const to = (viaRecruiter ? contactEmailOf(page) : person.email) ?? ''
  const subject = mailSubject(
    noteWords,
    page.agency.routingMode,
    name,
    page.roleTitle,
    page.clientCompany,
  )
  const intro = viaRecruiter ? recruiterIntro(noteWords, page.recruiter?.name ?? null, name) : ''
  const id = person.id
  // a page switched to another language comes back in it after a post
  const switched = page.language === page.candidateLanguage ? '' : `?lang=${page.language}`
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
        {sentText(w, person.sent)}
      </p>
      <form method="post" action={`/c/${token}/notes/${id}${switched}`}>
        <label for={`draft-${id}`}>{fill(m.page.noteLabel, { name: firstName(name) })}</label>
        <textarea
          id={`draft-${id}`}
          name="body"
          value={body}
          maxLength={maxDraftChars}
          rows={14}
          lang={messagesFor(page.noteLanguage).meta.locale}
          data-draft
        />
        <p class="meta" data-count>
          {wordsText(w, wordCount(body))}
        </p>
        <p class="meta" data-blanks aria-live="polite">
          {blanksText(w, blanksIn(body))}
        </p>
        <p class="meta" data-saved aria-live="polite">
          {person.draft === null ? m.page.draftStart : m.page.draftSaved}
        </p>
        <details>
          <summary>{m.page.proofread}</summary>
          <ul>
            {m.page.checklist.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        </details>
        <div class="actions">
          <button class="btn" type="submit" name="action" value="save" data-save>
            {m.page.save}
          </button>
          <button class="btn" type="button" data-copy hidden>
            {m.page.copy}
          </button>
          <a class="btn" href={mailtoHref(to, subject, intro + body)} data-mail>
            {m.page.openMail}
          </a>
          <button
            class={toggleClass(person.sent)}
            type="submit"
            name="action"
            value={person.sent ? 'unsent' : 'sent'}
            data-toggle
          >
            {toggleLabel(w, person.sent)}
          </button>
        </div>
      </form>
    </section>
  )
}
