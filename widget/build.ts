import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, transform, type BuildOptions, type Metafile, type Plugin } from 'esbuild'

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src')

/** `.css` imports become a minified string, adopted as a constructed stylesheet at runtime. */
const cssAsText: Plugin = {
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(readFileSync(args.path, 'utf8'), {
        loader: 'css',
        minify: true,
      })
      return { contents: `export default ${JSON.stringify(code.trim())}`, loader: 'js' }
    })
  },
}

/** how every widget bundle is built (the bench builds a bare Preact app the same way) */
export const widgetBuildOptions: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  platform: 'browser',
  write: false,
  metafile: true,
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  alias: {
    react: 'preact/compat',
    'react-dom': 'preact/compat',
    'react/jsx-runtime': 'preact/jsx-runtime',
  },
  plugins: [cssAsText],
}

function writeWhole(file: string, contents: Uint8Array) {
  const staging = `${file}.${process.pid}.tmp`
  writeFileSync(staging, contents)
  renameSync(staging, file)
}

const inputsOf = (metafile: Metafile | undefined) => Object.keys(metafile?.inputs ?? {})

export interface WidgetBuild {
  loader: string
  app: string
  /** the source files each bundle was built from, as esbuild's metafile lists them */
  inputs: Record<string, string[]>
}

/**
 * Builds the loader (`widget.js`, the one URL agencies embed) and the app bundle it loads
 * (`widget-app.<hash>.js`, so a new release is never mixed with a cached old one) into outDir.
 * The metafile goes beside outDir, not into it: it is for the size test, not for the public.
 */
export async function buildWidget(outDir: string): Promise<WidgetBuild> {
  const app = await build({ ...widgetBuildOptions, entryPoints: [path.join(src, 'app.tsx')] })
  const appCode = app.outputFiles![0]!.contents
  const hash = createHash('sha256').update(appCode).digest('hex').slice(0, 10)
  const appFile = `widget-app.${hash}.js`

  const loader = await build({
    ...widgetBuildOptions,
    entryPoints: [path.join(src, 'loader.ts')],
    define: { __FT_APP_FILE__: JSON.stringify(appFile) },
  })

  // app first, then the loader that names it, each renamed into place whole; then old bundles go
  writeWhole(path.join(outDir, appFile), appCode)
  writeWhole(path.join(outDir, 'widget.js'), loader.outputFiles![0]!.contents)
  for (const file of readdirSync(outDir)) {
    if (/^widget-app\.[0-9a-f]+\.js$/.test(file) && file !== appFile) {
      rmSync(path.join(outDir, file))
    }
  }

  const result: WidgetBuild = {
    loader: 'widget.js',
    app: appFile,
    inputs: { 'widget.js': inputsOf(loader.metafile), [appFile]: inputsOf(app.metafile) },
  }
  writeFileSync(
    path.join(path.dirname(outDir), 'widget.meta.json'),
    JSON.stringify(result, null, 1),
  )
  console.log(`built ${path.relative(process.cwd(), outDir)}/{widget.js,${appFile}}`)
  return result
}
