import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * Runs axe over the widget on `page` and expects no violation of any impact; `state` names the
 * view in the failure. axe is injected once per page.
 */
export async function expectNoAxeViolations(page: Page, state: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source)
  const results: axe.AxeResults = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run({ include: [['followthrough-widget']] }),
  )
  const found = results.violations.map(
    (v) =>
      `${state}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(found, 'no axe violation of any impact').toEqual([])
}
