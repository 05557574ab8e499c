import { safeColor, textColorOn } from '../email/format'
import type { Branding } from '../../db/schema'

/**
 * The page's styles, coloured by the agency. Brand colours fill only the header bar, the main
 * buttons and edge markers; text elsewhere stays dark on white so any brand colour stays legible.
 */
export function candidatePageCss(branding: Pick<Branding, 'primaryColor' | 'accentColor'>) {
  const primary = safeColor(branding.primaryColor, '#1f4f8f')
  const onPrimary = textColorOn(primary)
  const accent = safeColor(branding.accentColor, '#0f7b5f')
  return `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1a1a1a;font:17px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
.brand{background:${primary};color:${onPrimary};padding:.75rem 1rem}
.brand>*{display:block;max-width:44rem;margin:0 auto;font-weight:700}
.brand img{max-height:40px;max-width:220px}
main{max-width:44rem;margin:0 auto;padding:1rem 1rem 3rem;overflow-wrap:break-word;hyphens:auto}
.langs{display:flex;flex-wrap:wrap;gap:0 .9rem;font-size:.9rem}
.langs>*{padding:.35rem 0}
h1{font-size:1.5rem;line-height:1.25;margin:.75rem 0 .5rem}
h2{font-size:1.2rem;line-height:1.3;margin:0 0 .25rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
p,ul{margin:0 0 .75rem}
ul{padding-left:1.25rem}
a{color:#0b57d0}
.box{background:#fff;border-radius:10px;padding:1rem 1.1rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
.marked{border-left:5px solid ${accent}}
.muted,.meta{color:#555b63}
.meta{font-size:.92rem;margin:.4rem 0}
.meta.warn{color:#8a1c1c;font-weight:600}
.state{font-weight:600}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
textarea{display:block;width:100%;min-height:18rem;font:inherit;font-size:16px;line-height:1.45;padding:.7rem;border:1px solid #767b84;border-radius:8px;resize:vertical;color:inherit}
summary{cursor:pointer;font-weight:600;padding:.25rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}
.btn{flex:1 1 9rem;display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:.6rem 1rem;border:2px solid ${primary};border-radius:8px;background:#fff;color:#1a1a1a;font:inherit;font-size:1rem;font-weight:600;text-decoration:none;text-align:center;cursor:pointer}
.btn.main{background:${primary};color:${onPrimary}}
[hidden]{display:none!important}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
@media(min-width:60rem){main{padding-top:2rem}h1{font-size:1.9rem}textarea{min-height:24rem}}
`
}
