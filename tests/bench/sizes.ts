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

/** gzipped bytes of the built widget files (`npm run build` made them); the app's is what it fetches before it runs */
export function widgetBytes() {
  const dist = path.join(root, 'dist')
  const meta: WidgetBuild = JSON.parse(readFileSync(path.join(dist, 'widget.meta.json'), 'utf8'))
  const gzipped = (file: string) => gzipSync(readFileSync(path.join(dist, 'widget', file))).length
  const app = meta.startup.reduce((sum, file) => sum + gzipped(file), 0)
  return { loader: gzipped(meta.loader), app }
}
