/**
 * The app bundle the loader fetches. Defines <followthrough-widget>, which renders into its own
 * shadow root with constructed stylesheets only (no <style>, no style attributes), so it runs
 * under a CSP that allows nothing inline, and host CSS and widget CSS cannot reach each other.
 */
import { render } from 'preact'
import { createApi, type Api } from './api'
import { Widget } from './components/widget'
import type { Command, FollowthroughGlobal } from './queue'
import { emit, on } from './events'
import { setLocale } from './format'
import { loadWords, words } from './strings'
import { applyHostTheme, themeSheet } from './theme'
import css from './widget.css'

const ft = (window as unknown as { followthrough: FollowthroughGlobal }).followthrough
const baseSheet = new CSSStyleSheet()
baseSheet.replaceSync(css)

let api: Api | undefined
const mounted = new Set<FollowthroughWidget>()

class FollowthroughWidget extends HTMLElement {
  connectedCallback() {
    mounted.add(this)
    this.paint()
  }

  disconnectedCallback() {
    mounted.delete(this)
    if (this.shadowRoot) render(null, this.shadowRoot)
  }

  paint() {
    let root = this.shadowRoot
    if (!root) {
      root = this.attachShadow({ mode: 'open' })
      // once: parts loaded later (the dashboard) add their own sheets
      root.adoptedStyleSheets = [baseSheet, themeSheet]
    }
    render(
      api ? (
        <Widget api={api} />
      ) : (
        <p class="ft muted" role="status">
          {words().loading('Followthrough')}
        </p>
      ),
      root,
    )
  }
}

function run(command: Command) {
  if (command[0] === 'init' && typeof command[1]?.getSession === 'function') {
    const options = command[1]
    if (options.theme) applyHostTheme(options.theme)
    if (options.locale) setLocale(options.locale)
    // the widget first draws in the host's language: its catalog comes before the api is set
    const ready = options.locale
      ? loadWords(options.locale).catch(() =>
          console.error('Followthrough: the words for', options.locale, 'could not be loaded'),
        )
      : Promise.resolve()
    void ready.then(() => {
      api = createApi(ft.src!, ft.key!, options.getSession)
      mounted.forEach((el) => el.paint())
      emit('ready', {})
    })
  } else if (command[0] === 'on' && typeof command[2] === 'function') {
    on(command[1], command[2])
  } else {
    console.error('Followthrough: unknown command', command[0])
  }
}

if (!customElements.get('followthrough-widget')) {
  customElements.define('followthrough-widget', FollowthroughWidget)
  // from now on a pushed command runs at once
  ft.push = run
  ft.q.push = (...commands: Command[]) => {
    commands.forEach(run)
    return 0
  }
  ft.q.splice(0).forEach(run)
}
