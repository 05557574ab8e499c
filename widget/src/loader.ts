/**
 * /widget.js: the one script an agency embeds. It stays tiny and never changes its URL; all it
 * does is note its publishable key and origin, make sure the command queue exists (the host's
 * inline `followthrough.q.push(['init', …])` may run before or after it), and load the app's
 * entry module from its own origin (the entry imports its other chunks itself). The app then drains the queue and runs later commands at once.
 */
import type { FollowthroughGlobal } from './queue'

declare const __FT_APP_FILE__: string

const w = window as unknown as { followthrough?: FollowthroughGlobal }
const ft = (w.followthrough = w.followthrough || { q: [] })
ft.push = ft.push || ((command) => ft.q.push(command))

const me = (document.currentScript ||
  document.querySelector('script[data-key][src*="/widget.js"]')) as HTMLScriptElement | null

if (!me?.dataset.key) {
  console.error('Followthrough: add data-key="ft_pk_…" to the widget.js script tag.')
} else if (!ft.src) {
  ft.key = me.dataset.key
  ft.src = me.src
  const app = document.createElement('script')
  app.type = 'module'
  app.src = new URL(__FT_APP_FILE__, me.src).href
  document.head.appendChild(app)
}
