import { fill } from '../i18n/catalog'
import type { Messages } from '../i18n'
import type { CandidatePage } from '../services/candidate-page'
import { oneLine } from '../email/format'

/** The short guide under the notes: why a note helps, what makes one work, email or card. */
export function Guide({ page, m }: { page: CandidatePage; m: Messages }) {
  const { guide } = m
  return (
    <section class="box" id="guide" aria-labelledby="guide-title">
      <h2 id="guide-title">{guide.title}</h2>
      <p>
        {guide.intro} {m.evidence}
      </p>
      <h3>{guide.tipsTitle}</h3>
      <ul>
        {guide.tips.map((tip) => (
          <li>{tip}</li>
        ))}
      </ul>
      <h3>{guide.channelTitle}</h3>
      <p>
        {guide.channel}
        {page.agency.routingMode === 'via_recruiter' &&
          ` ${fill(guide.viaRecruiter, { agency: oneLine(page.agency.name) })}`}
      </p>
    </section>
  )
}
