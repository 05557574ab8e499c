/**
 * /widget.js: the one script an agency embeds. It stays tiny and never changes its URL; all it
 * does is note its publishable key and origin, make sure the command queue exists (the host's
 * inline `followthrough.q.push(['init', …])` may run before or after it), and load the app's
 * entry module from its own origin. The chunks the entry imports are asked for at the same time
 * (`modulepreload`), rather than once the entry has arrived and been read. The app then drains
 * the queue and runs later commands at once.
 */
import type { FollowthroughGlobal } from './queue'

declare const __FT_APP_FILE__: string
/** the chunks the entry imports statically */
declare const __FT_SHARED_FILES__: string[]

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
  const url = (file: string) => new URL(file, me.src).href
  for (const file of __FT_SHARED_FILES__) {
    const link = document.createElement('link')
    link.rel = 'modulepreload'
    link.href = url(file)
    document.head.appendChild(link)
  }
  const app = document.createElement('script')
  app.type = 'module'
  app.src = url(__FT_APP_FILE__)
  document.head.appendChild(app)
}
