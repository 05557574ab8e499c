import { thankYouEvidence } from '../lib/evidence'
import type { CandidatePage } from '../services/candidate-page'

/** The short guide under the notes: why a note helps, what makes one work, email or card. */
export function Guide({ page }: { page: CandidatePage }) {
  return (
    <section class="box" id="guide" aria-labelledby="guide-title">
      <h2 id="guide-title">Why a short note helps</h2>
      <p>
        Most candidates never send one, so a brief, personal note helps you stand out, and it keeps
        you in mind for the next opening even if this one goes to someone else.{' '}
        {thankYouEvidence.sentence}
      </p>
      <h3>What makes it work</h3>
      <ul>
        <li>One note per person you met, addressed by name, each a little different.</li>
        <li>Mention one thing you talked about, so it is clearly yours.</li>
        <li>In a sentence or two, say why you want the role and what you would bring.</li>
        <li>Forgot to say something? A short line now is a second chance.</li>
        <li>If they said when they would decide, say you look forward to hearing by then.</li>
        <li>Keep it to a few short paragraphs: friendly, but professional.</li>
        <li>
          It shows the follow-through you spoke about in the interview, so send it soon: the sooner,
          the better.
        </li>
      </ul>
      <h3>Email or a card?</h3>
      <p>
        Email is right here: it arrives today and hiring managers widely accept it. A handwritten
        card is warmer but may arrive after they decide. A text message is too casual.
        {page.agency.routingMode === 'via_recruiter' &&
          ` ${page.agency.name} arranged this interview, so your notes go through your recruiter.`}
      </p>
    </section>
  )
}
