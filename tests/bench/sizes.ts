import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { widgetBuildOptions, type WidgetBuild } from '../../widget/build'

const root = path.resolve(import.meta.dirname, '../..')

// The least any Preact widget ships: render, the hooks ours uses and one component, built with
// the widget's own esbuild options.
const bareApp = `
import { render } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
function App() {
  const [count, setCount] = useState(0)
  const ref = useRef(null)
  useEffect(() => {}, [count])
  return <button ref={ref} onClick={() => setCount(count + 1)}>{count}</button>
}
render(<App />, document.body)
`

export async function preactFloorBytes(): Promise<number> {
  const result = await build({
    ...widgetBuildOptions,
    plugins: [],
    stdin: { contents: bareApp, loader: 'tsx', resolveDir: root, sourcefile: 'bare-app.tsx' },
  })
  return gzipSync(result.outputFiles![0]!.contents).length
}

const lazyNames: Record<string, string> = {
  'interview-list': 'the list (first opened)',
  'interview-detail': 'the detail panel (first opened)',
  dashboard: 'the dashboard (first opened)',
  es: 'the Spanish words (locale es)',
}

/** gzipped bytes of the built widget files (`npm run build` made them); the app's is what it fetches before it runs */
export function widgetBytes() {
  const dist = path.join(root, 'dist')
  const meta: WidgetBuild = JSON.parse(readFileSync(path.join(dist, 'widget.meta.json'), 'utf8'))
  const gzipped = (file: string) => gzipSync(readFileSync(path.join(dist, 'widget', file))).length
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipped(file), 0)
  // each part fetched when first needed, with the chunks it brings that startup did not
  const lazy = Object.entries(meta.lazy).map(([source, files]) => ({
    name: lazyNames[path.basename(source).replace(/\.tsx?$/, '')] ?? source,
    bytes: sum(files),
  }))
  return { loader: gzipped(meta.loader), app: sum(meta.startup), lazy }
}
