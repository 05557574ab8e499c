import type { EventName, Handler } from './events'
import type { Theme } from './theme'

/** What a host page can ask of the widget, through `followthrough.q.push([...])`. */
export type Command = ['init', InitOptions] | ['on', EventName, Handler<never>]

export interface InitOptions {
  /**
   * Returns a recruiter session token (`ft_ses_…`) minted by the host's backend through
   * `POST /v1/sessions`. Called once at start and again whenever the API answers 401.
   */
  getSession: () => string | Promise<string>
  /** colours, font and corner radius over the agency's branding */
  theme?: Theme
  /** how dates and numbers are written (a BCP 47 tag such as "en-GB"); default: the browser's */
  locale?: string
}

/** `window.followthrough`: the queue, plus what the loader learned from its script tag. */
export interface FollowthroughGlobal {
  q: Command[] & { push(...commands: Command[]): number }
  push?: (command: Command) => void
  /** the publishable key, from the loader's `data-key` */
  key?: string
  /** the loader's own URL: the API and the app bundle live on its origin */
  src?: string
}
