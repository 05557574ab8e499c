import type { Stats } from '../../../worker/schemas/stats'
import { percent } from '../format'

type Side = Stats['outcomes']['withNote']

const steps = [
  ['advanced', 'Advanced'],
  ['offer', 'Offer'],
  ['hired', 'Hired'],
] as const

/**
 * Where the agency's candidates got, with a note sent and without; shown once any outcome is
 * recorded. The API counts these for the whole agency, for a recruiter too.
 */
export function Outcomes({ outcomes, mine }: { outcomes: Stats['outcomes']; mine: boolean }) {
  const sides: [string, Side][] = [
    ['Note sent', outcomes.withNote],
    ['No note', outcomes.withoutNote],
  ]
  if (sides.every(([, side]) => side.withOutcome === 0)) return null
  return (
    <section class="outcomes">
      <h2>{mine ? "Where the agency's candidates got" : 'Where candidates got'}</h2>
      <table class="stack">
        <caption>Outcomes, with a note and without</caption>
        <thead>
          <tr>
            <th scope="col">Coached interviews</th>
            <th scope="col">With an outcome</th>
            {steps.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sides.map(([label, side]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td data-label="With an outcome">
                {side.withOutcome} <span class="muted count">of {side.interviews}</span>
              </td>
              {steps.map(([key, step]) => (
                <td key={key} data-label={step}>
                  {percent(side.withOutcome ? side[key] / side.withOutcome : null)}{' '}
                  <span class="muted count">
                    {side[key]}/{side.withOutcome}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        Shares of interviews with an outcome recorded. Candidates who send notes may differ in other
        ways too: this shows what goes together, not what causes what.
      </p>
    </section>
  )
}
