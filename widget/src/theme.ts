/** The agency's branding, then the host page's theme, as custom properties on :host. */
export const themeSheet = new CSSStyleSheet()

/** What a host page may set with `init({ theme })`, on top of the agency's branding. */
export interface Theme {
  /** buttons, links, the selected tab (keep white text readable on it) */
  primary?: string
  /** focus rings and highlights */
  accent?: string
  /** a font-family list, such as "Inter, system-ui, sans-serif" */
  font?: string
  /** the corner radius of controls, one length such as "4px" or "0"; panels get a little more */
  radius?: string
}

/** each option: its custom property and the CSS property its value must be valid for */
const properties: Record<keyof Theme, [string, string]> = {
  primary: ['--ft-p', 'color'],
  accent: ['--ft-a', 'color'],
  font: ['--ft-font', 'font-family'],
  // one length: panels add to it in calc(), which a pair such as "4px 8px" would break
  radius: ['--ft-r', 'width'],
}

let branding: Theme = {}
let host: Theme = {}

function paint() {
  const declarations: string[] = []
  for (const [name, [property, checkedAs]] of Object.entries(properties)) {
    let value = host[name as keyof Theme] ?? branding[name as keyof Theme]
    // a radius of plain 0 would not add to a length in calc()
    if (name === 'radius' && value?.trim() === '0') value = '0px'
    // only a value the browser takes for that property, and nothing that could close the rule
    if (typeof value === 'string' && !/[;{}]/.test(value) && CSS.supports(checkedAs, value)) {
      declarations.push(`${property}:${value}`)
    } else if (value !== undefined && host[name as keyof Theme] !== undefined) {
      console.error(`Followthrough: theme.${name} is not a valid ${checkedAs}:`, value)
    }
  }
  themeSheet.replaceSync(`:host{${declarations.join(';')}}`)
}

/** The agency's colours, from its branding. */
export function applyBranding(primary: string, accent: string) {
  branding = { primary, accent }
  paint()
}

/** The host page's theme: each option it sets wins over the branding. */
export function applyHostTheme(theme: Theme) {
  host = { ...theme }
  paint()
}
