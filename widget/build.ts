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
  /** the app's entry chunk, the one file the loader names */
  app: string
  /** what the browser fetches before the app runs: the entry and every chunk it imports statically */
  startup: string[]
  /**
   * per `import()` in the app (keyed by the file it loads): that chunk and the chunks it imports
   * statically which startup has not already fetched
   */
  lazy: Record<string, string[]>
  /** the source files in each file written, as esbuild's metafile lists them */
  inputs: Record<string, string[]>
}

/**
 * Read by Cloudflare's static assets (and Miniflare's): module scripts load in CORS mode, so a
 * host page on another origin may run the app's chunks only if they say any origin can. A chunk's
 * name changes with its content (and its imports'), so browsers may keep it for good; widget.js,
 * whose name never changes, keeps the default of asking each time.
 */
const headers = `/widget-*
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=31536000, immutable
`

/** the files written here besides widget.js: hashed, so old ones can be told apart and removed */
const hashedFile = /^widget-[a-z-]+\.[0-9A-Za-z]+\.js$/

/**
 * Builds the loader (`widget.js`, the one URL agencies embed) and the app it loads: ES module
 * chunks under content-hashed names (`widget-app.<hash>.js` the entry, `widget-<name>.<hash>.js`
 * what it loads on demand and the code they share), so a new release is never mixed with a
 * cached old one. The metafile goes beside outDir, not into it: it is for the size test, not for
 * the public.
 */
export async function buildWidget(outDir: string): Promise<WidgetBuild> {
  const app = await build({
    ...widgetBuildOptions,
    entryPoints: [path.join(src, 'app.tsx')],
    format: 'esm',
    splitting: true,
    outdir: outDir,
    entryNames: 'widget-[name].[hash]',
    chunkNames: 'widget-[name].[hash]',
  })
  const outputs = app.metafile!.outputs
  const nameOf = (output: string) => path.basename(output)
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith('app.tsx'))!
  /** a chunk and, transitively, the chunks it imports statically */
  const withStaticImports = (output: string, into = new Set<string>()) => {
    into.add(output)
    for (const i of outputs[output]!.imports) {
      if (i.kind === 'import-statement' && !into.has(i.path)) withStaticImports(i.path, into)
    }
    return into
  }
  const startup = withStaticImports(entry)
  const lazy: WidgetBuild['lazy'] = {}
  for (const output of Object.keys(outputs)) {
    for (const i of outputs[output]!.imports) {
      if (i.kind !== 'dynamic-import') continue
      const brought = [...withStaticImports(i.path)].filter((o) => !startup.has(o))
      lazy[outputs[i.path]!.entryPoint!] = brought.map(nameOf)
    }
  }
  const appFile = nameOf(entry)

  const loader = await build({
    ...widgetBuildOptions,
    entryPoints: [path.join(src, 'loader.ts')],
    define: {
      __FT_APP_FILE__: JSON.stringify(appFile),
      __FT_SHARED_FILES__: JSON.stringify([...startup].map(nameOf).filter((f) => f !== appFile)),
    },
  })

  // chunks first, then the entry that imports them, then the loader that names the entry, each
  // renamed into place whole; then old files go
  const files = app.outputFiles!.map((f) => ({ name: path.basename(f.path), contents: f.contents }))
  files.sort((a, b) => Number(a.name === appFile) - Number(b.name === appFile))
  for (const file of files) writeWhole(path.join(outDir, file.name), file.contents)
  writeWhole(path.join(outDir, 'widget.js'), loader.outputFiles![0]!.contents)
  writeWhole(path.join(outDir, '_headers'), new TextEncoder().encode(headers))
  const current = new Set(files.map((f) => f.name))
  for (const file of readdirSync(outDir)) {
    if (hashedFile.test(file) && !current.has(file)) rmSync(path.join(outDir, file))
  }

  const result: WidgetBuild = {
    loader: 'widget.js',
    app: appFile,
    startup: [...startup].map(nameOf),
    lazy,
    inputs: {
      'widget.js': inputsOf(loader.metafile),
      ...Object.fromEntries(
        Object.entries(outputs).map(([o, meta]) => [nameOf(o), Object.keys(meta.inputs)]),
      ),
    },
  }
  writeFileSync(
    path.join(path.dirname(outDir), 'widget.meta.json'),
    JSON.stringify(result, null, 1),
  )
  console.log(`built ${path.relative(process.cwd(), outDir)}/{widget.js,${[...current].join(',')}}`)
  return result
}
