import type { StatsFigures } from '../../../worker/schemas/stats'
import { percent } from '../format'
import { dashboardEn } from '../strings/dashboard'
import { partWords } from '../strings/part'

/**
 * How far coached candidates got, each step as a share of the coaching emails sent. A table, so
 * it reads as one; the bars are SVG (widths as attributes: the widget's CSP allows no inline
 * style).
 */
export function Funnel({ figures }: { figures: StatsFigures }) {
  const w = partWords('dashboard', dashboardEn).funnel
  const { coached, funnel } = figures
  const steps: [string, number][] = [
    [w.emailed, coached],
    [w.delivered, funnel.delivered],
    [w.opened, funnel.pageOpened],
    [w.drafted, funnel.draftCopiedOrMailOpened],
    [w.sent, funnel.sent],
  ]
  return (
    <table class="funnel">
      <caption>{w.caption}</caption>
      <thead class="sr">
        <tr>
          <th scope="col">{w.step}</th>
          <th scope="col">{w.interviews}</th>
          <th scope="col">{w.share}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map(([step, n]) => {
          const share = coached ? n / coached : 0
          return (
            <tr key={step}>
              <th scope="row">{step}</th>
              <td class="num">{n}</td>
              <td class="meter">
                <svg aria-hidden="true" focusable="false">
                  <rect class="track" width="100%" height="100%" rx="3" />
                  <rect class="fill" width={`${share * 100}%`} height="100%" rx="3" />
                </svg>
                <span>{percent(coached ? share : null)}</span>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
