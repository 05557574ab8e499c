import type { Stats } from '../../../worker/schemas/stats'
import { percent } from '../format'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'

type Side = Stats['outcomes']['withNote']

const steps = ['advanced', 'offer', 'hired'] as const

/**
 * Where the agency's candidates got, with a note sent and without; shown once any outcome is
 * recorded. The API counts these for the whole agency, for a recruiter too.
 */
export function Outcomes({ outcomes, mine }: { outcomes: Stats['outcomes']; mine: boolean }) {
  const w = partWords('dashboard', dashboardEn).outcomes
  const sides: [string, Side][] = [
    [w.withNote, outcomes.withNote],
    [w.withoutNote, outcomes.withoutNote],
  ]
  if (sides.every(([, side]) => side.withOutcome === 0)) return null
  return (
    <section class="outcomes">
      <h2>{w.title(mine)}</h2>
      <table class="stack">
        <caption>{w.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{w.interviews}</th>
            <th scope="col">{w.withOutcome}</th>
            {steps.map((step) => (
              <th key={step} scope="col">
                {w[step]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sides.map(([label, side]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td data-label={w.withOutcome}>
                {side.withOutcome} <span class="muted count">{w.of(side.interviews)}</span>
              </td>
              {steps.map((step) => (
                <td key={step} data-label={w[step]}>
                  {percent(side.withOutcome ? side[step] / side.withOutcome : null)}{' '}
                  <span class="muted count">
                    {side[step]}/{side.withOutcome}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{w.caveat}</p>
    </section>
  )
}
