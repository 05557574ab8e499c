/** Size budgets, gzipped bytes: the size tests enforce them and `npm run bench` reports them. */
export const sizeBudgets = {
  /** widget.js, the one script an agency embeds */
  loader: 1536,
  /** what the widget app fetches before it runs: its entry and the chunks it imports, Preact included */
  app: 15 * 1024,
  /** each part of the widget app loaded on demand (the dashboard), with what it brings along */
  lazyChunk: 15 * 1024,
  /** the candidate page: HTML with its CSS, plus its script */
  candidatePage: 25 * 1024,
}
