import { readFileSync } from 'node:fs'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'

/** Ships the JSON Schemas beside the code, where package.json exports them. */
const schemas = {
  name: 'koe-schemas',
  generateBundle() {
    for (const [fileName, source] of [
      ['wire.schema.json', 'src/scoring/wire.schema.json'],
      ['survey.schema.json', 'src/config/survey.schema.json'],
    ]) {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(source, 'utf8') })
    }
  },
}

/** npm entries: ESM with declarations; idb-keyval stays an import for the app's bundler. */
const esm = {
  input: {
    index: 'src/index.ts',
    scoring: 'src/scoring/index.ts',
    collector: 'src/collector/index.ts',
  },
  external: [/^idb-keyval/, /^node:/],
  plugins: [typescript({ tsconfig: './tsconfig.build.json' }), schemas],
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
}

/** TypeScript for bundles that ship no declarations (the ESM entries above emit them). */
const typescriptOnly = () =>
  typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined })

/** A browser bundle in one file, dependencies inlined, minified. */
const browserBundle = (input, file, terserOptions = {}) => ({
  input,
  plugins: [
    nodeResolve(),
    typescriptOnly(),
    terser({ format: { comments: false }, ...terserOptions }),
  ],
  output: { file, format: 'iife', generatedCode: 'es2015' },
})

/** The script-tag bundle: everything inlined, minified hard, private `_props` mangled. */
const iife = browserBundle('src/script-tag/index.ts', 'dist/koe.iife.js', {
  ecma: 2020,
  compress: {
    passes: 3,
    pure_getters: true,
    unsafe: true,
    unsafe_arrows: true,
    unsafe_methods: true,
    toplevel: true,
  },
  toplevel: true,
  mangle: { properties: { regex: /^_/ } },
})

/** The reference server (`npm start`): Node ESM; its database clients stay imports. */
const server = {
  input: 'src/server/main.ts',
  external: [/^node:/, 'pg', /^@electric-sql\/pglite/],
  plugins: [typescriptOnly()],
  output: { file: 'dist/server.js', format: 'esm' },
}

/** The dashboard the server serves: one file, Preact included. */
const dashboard = browserBundle('src/dashboard/main.tsx', 'dist/dashboard.js')

export default [esm, iife, server, dashboard]
