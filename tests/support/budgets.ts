/** Size budgets, gzipped bytes: the size tests enforce them and `npm run bench` reports them. */
export const sizeBudgets = {
  /** widget.js, the one script an agency embeds */
  loader: 1536,
  /** the widget app bundle, Preact included */
  app: 15 * 1024,
  /** the candidate page: HTML with its CSS, plus its script */
  candidatePage: 25 * 1024,
}
