/** The agency's colours as custom properties on :host, adopted by every widget on the page. */
export const themeSheet = new CSSStyleSheet()

const hexColor = /^#[0-9a-f]{6}$/i

export function applyTheme(primary: string, accent: string) {
  if (hexColor.test(primary) && hexColor.test(accent)) {
    themeSheet.replaceSync(`:host{--ft-p:${primary};--ft-a:${accent}}`)
  }
}
