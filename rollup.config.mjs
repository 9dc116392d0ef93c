import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { posix } from 'node:path'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { build } from 'esbuild'

/**
 * Types of `koe/koe.iife.js`: importing the script-tag bundle (or loading it with a script tag)
 * defines the global `koe(method, ...args)`.
 */
const IIFE_TYPES = `import type { KoeGlobal } from './types/script-tag/install-global.js'

declare global {
  /** Koe's script-tag API: \`koe('init', config)\`, then \`koe('track', 'purchase_completed')\`. */
  var koe: KoeGlobal
}
`

/** Ships the JSON Schemas, and the script tag's global type, beside the code, where package.json exports them. */
const schemas = {
  name: 'koe-schemas',
  generateBundle() {
    for (const [fileName, source] of [
      ['wire.schema.json', 'src/scoring/wire.schema.json'],
      ['survey.schema.json', 'src/config/survey.schema.json'],
    ]) {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(source, 'utf8') })
    }
    this.emitFile({ type: 'asset', fileName: 'koe.iife.d.ts', source: IIFE_TYPES })
  },
}

/**
 * Gives every relative import in the emitted declarations its file extension (`./koe.js`,
 * `./scoring/index.js`). TypeScript writes them as the sources do, without one, which only
 * `moduleResolution: bundler` accepts; under `node16`/`nodenext` (the default for Node projects)
 * each would fail (TS2834) and every export would become `any`.
 */
const declarationExtensions = {
  name: 'koe-declaration-extensions',
  generateBundle(_options, bundle) {
    const files = new Set(Object.keys(bundle))
    for (const [fileName, file] of Object.entries(bundle)) {
      if (file.type !== 'asset' || !fileName.endsWith('.d.ts')) continue
      const dir = posix.dirname(fileName)
      file.source = String(file.source).replace(
        /(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\2/g,
        (match, before, quote, spec) => {
          if (/\.(js|json)$/.test(spec)) return match
          const target = posix.join(dir, spec)
          const resolved = files.has(`${target}.d.ts`)
            ? `${spec}.js`
            : files.has(`${target}/index.d.ts`)
              ? `${spec}/index.js`
              : this.error(`${fileName}: cannot resolve the declaration of ${spec}`)
          return `${before}${quote}${resolved}${quote}`
        },
      )
    }
  },
}

/**
 * npm entries: ESM with declarations; no runtime dependencies: idb-keyval, Koe's IndexedDB
 * layer, is bundled in (0.3 kB of it is used), as in the script tag.
 */
const esm = {
  input: {
    index: 'src/index.ts',
    scoring: 'src/scoring/index.ts',
    react: 'src/react/index.ts',
    vue: 'src/vue/index.ts',
  },
  // The bindings import koe by name, so an app that uses one gets a single copy of Koe; React
  // and Vue are the app's own.
  external: [/^node:/, 'koe', 'react', 'vue'],
  plugins: [
    nodeResolve({ resolveOnly: ['idb-keyval'] }),
    typescript({ tsconfig: './tsconfig.build.json' }),
    declarationExtensions,
    schemas,
  ],
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // React runs the provider only on the client; rollup drops directives in sources, so it is added here.
    banner: (chunk) => (chunk.isEntry && chunk.name === 'react' ? "'use client';" : ''),
  },
}

/** TypeScript for bundles that ship no declarations (the ESM entries emit them). */
const typescriptOnly = (tsconfig = './tsconfig.build.json') =>
  typescript({ tsconfig, declaration: false, declarationDir: undefined })

/** A browser bundle in one file, dependencies inlined, minified. */
const browserBundle = (input, file, terserOptions = {}, tsconfig = undefined) => ({
  input,
  plugins: [
    nodeResolve(),
    typescriptOnly(tsconfig),
    terser({ format: { comments: false }, ...terserOptions }),
  ],
  output: { file, format: 'iife', generatedCode: 'es2015' },
})

/**
 * Ends the file at its last statement. The line break rollup appends does nothing, yet brotli at
 * quality 11 (what the budget measures) splits the file's blocks differently with it: 74 B more
 * for the script tag, measured on 2026-12-04 (issue 27).
 */
const noFinalNewline = {
  name: 'koe-no-final-newline',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle))
      if (file.type === 'chunk') file.code = file.code.replace(/\n+$/, '')
  },
}

/** The script-tag bundle: everything inlined, minified hard, private `_props` mangled. */
/**
 * The names terser gives `_` properties, shared by the script tag and its prompt file: the two are
 * minified apart but pass objects to each other (the prompt's context, the strings), so each
 * property must get the same short name in both. Rollup builds the configs in order, the script
 * first; names the prompt file adds never take one the script already uses.
 */
const scriptTagNames = {}

/** How the script tag and its prompt file are minified: hard, with private `_props` mangled. */
const scriptTagTerser = {
  ecma: 2020,
  nameCache: scriptTagNames,
  compress: {
    // Function declarations hoisted to the top of their scope, and a fourth pass over what that
    // frees: 64 B less than three passes without hoisting (issue 27); hoisting changes nothing a
    // program can observe, since declarations are hoisted anyway.
    hoist_funs: true,
    passes: 4,
    pure_getters: true,
    unsafe: true,
    unsafe_arrows: true,
    unsafe_methods: true,
    toplevel: true,
  },
  toplevel: true,
  mangle: { properties: { regex: /^_/ } },
  // ASCII only (Japanese and the close glyph as \u escapes): a CDN or server that sends the file
  // without `charset=utf-8` would otherwise show `×` as `Ã—` and the Japanese as mojibake. UTF-8
  // with a byte order mark would be 0.27 kB smaller, but a script source with characters beyond
  // Latin-1 is kept as UTF-16 by the browser: 42 kB more memory on every page (issue 18).
  format: { comments: false, ascii_only: true },
}

const iife = browserBundle('src/script-tag/index.ts', 'dist/koe.iife.js', scriptTagTerser)

/**
 * The script tag's prompt (issue 29): an ES module beside it, `koe.prompt.js`, that the script
 * imports when a survey is first due (src/script-tag/prompt-file.ts). Built after the script, with
 * its property names, as delivery's file is.
 */
const fileBeside = (input, file) => ({
  ...browserBundle(input, file, { ...scriptTagTerser, module: true }),
  output: { file, format: 'es', generatedCode: 'es2015' },
})
const promptFile = fileBeside('src/script-tag/prompt-file.ts', 'dist/koe.prompt.js')
/**
 * The script tag's delivery (issue 29): the answer queue and its posts, `koe.delivery.js`, imported
 * with the prompt or when earlier pages left answers (src/script-tag/delivery-file.ts).
 */
const deliveryFile = fileBeside('src/script-tag/delivery-file.ts', 'dist/koe.delivery.js')
/**
 * The script tag's dataLayer bridge, `koe.data-layer.js`, imported only by a page whose config
 * says `dataLayer: true` (src/script-tag/data-layer-file.ts).
 */
const dataLayerFile = fileBeside('src/script-tag/data-layer-file.ts', 'dist/koe.data-layer.js')
/**
 * The script tag's watcher of exit intent, scroll depth and input, `koe.page-signals.js`, imported
 * only when a survey's trigger needs it (src/script-tag/page-signals-file.ts).
 */
const signalsFile = fileBeside('src/script-tag/page-signals-file.ts', 'dist/koe.page-signals.js')
/**
 * The maker of outcome records, `koe.outcome.js`, imported when a page first records an outcome
 * (issue 30; src/script-tag/outcome-file.ts).
 */
const outcomeFile = fileBeside('src/script-tag/outcome-file.ts', 'dist/koe.outcome.js')

/**
 * The script tag's languages (issue 29): `koe.<locale>.js` next to `koe.iife.js`, one file each but
 * English, which the script holds. A file is an ES module whose default export lists the strings
 * in the order of English's keys (src/script-tag/language-files.ts reads them so, since the
 * script's own property names are shortened by terser). ASCII, as the script is.
 */
const languageFiles = {
  name: 'koe-language-files',
  async generateBundle() {
    const { outputFiles } = await build({
      entryPoints: ['src/ui/locales/index.ts'],
      bundle: true,
      format: 'esm',
      write: false,
    })
    const { LOCALES } = await import(
      `data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`
    )
    const keys = Object.keys(LOCALES.en)
    for (const [locale, strings] of Object.entries(LOCALES)) {
      if (locale === 'en') continue
      const list = JSON.stringify(keys.map((key) => strings[key])).replace(
        /[\u007f-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
      this.emitFile({
        type: 'asset',
        fileName: `koe.${locale}.js`,
        source: `export default${list}`,
      })
    }
  },
}

/** Where the collector package's build goes (issue 28: its own package, `koe-collector`). */
const COLLECTOR = 'packages/koe-collector/dist'

/**
 * The collector serves the script tag (`/koe.iife.js`, and the editor's preview runs it) with the
 * files it loads from beside itself (`koe.prompt.js`, `koe.ja.js`, …), so its package carries a
 * copy of them: installed alone, it needs nothing from `koe`.
 */
const withScriptTag = {
  name: 'koe-collector-script-tag',
  writeBundle() {
    mkdirSync(COLLECTOR, { recursive: true })
    for (const file of readdirSync('dist').filter((name) => /^koe\.[\w.-]+\.js$/.test(name)))
      copyFileSync(`dist/${file}`, `${COLLECTOR}/${file}`)
  },
}

/** `koe-collector`, the server and its command: Node ESM; its database clients stay imports. */
const server = {
  input: 'packages/koe-collector/src/server/cli.ts',
  external: [/^node:/, 'pg', /^@electric-sql\/pglite/, 'nodemailer'],
  plugins: [typescriptOnly('./tsconfig.collector.json'), withScriptTag],
  output: { file: `${COLLECTOR}/koe-collector.js`, format: 'esm', banner: '#!/usr/bin/env node' },
}

/** `koe-collector` as a library (createCollector, the SQL store, durable PGlite), with types. */
const collectorLibrary = {
  input: { index: 'packages/koe-collector/src/index.ts' },
  external: [/^node:/, 'pg', /^@electric-sql\/pglite/, 'nodemailer'],
  plugins: [typescript({ tsconfig: './tsconfig.collector.json' }), declarationExtensions],
  output: {
    dir: COLLECTOR,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
}

/** The dashboard the server serves: one file, Preact included. */
const dashboard = browserBundle(
  'packages/koe-collector/src/dashboard/main.tsx',
  `${COLLECTOR}/dashboard.js`,
  {},
  './tsconfig.collector.json',
)
/** The survey editor's preview page (issue 14): it hands the survey to the real koe.iife.js. */
const preview = browserBundle(
  'packages/koe-collector/src/dashboard/preview-frame.ts',
  `${COLLECTOR}/dashboard-preview.js`,
  {},
  './tsconfig.collector.json',
)

iife.plugins.push(noFinalNewline, languageFiles)
promptFile.plugins.push(noFinalNewline)
deliveryFile.plugins.push(noFinalNewline)
dataLayerFile.plugins.push(noFinalNewline)
signalsFile.plugins.push(noFinalNewline)
outcomeFile.plugins.push(noFinalNewline)

export default [
  esm,
  iife,
  promptFile,
  deliveryFile,
  dataLayerFile,
  signalsFile,
  outcomeFile,
  server,
  collectorLibrary,
  dashboard,
  preview,
]
