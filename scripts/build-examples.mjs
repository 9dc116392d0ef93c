// Bundles the React and Vue examples (`npm run build`) as an app team's bundler would: `koe`,
// `koe/react` and `koe/vue` resolve to the package just built in dist/, React and Vue to
// node_modules, in production mode. Output: dist/examples/{react,vue}.js.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../', import.meta.url))
const PACKAGE = { koe: 'dist/index.js', 'koe/react': 'dist/react.js', 'koe/vue': 'dist/vue.js' }

/** Resolves the package's own entries to dist/, where `npm run build` has just put them. */
const koePackage = {
  name: 'koe-package',
  setup(build) {
    build.onResolve({ filter: /^koe(\/(react|vue))?$/ }, (args) => ({
      path: fileURLToPath(new URL(PACKAGE[args.path], `file://${root}`)),
    }))
  },
}

await build({
  entryPoints: { react: 'examples/react/main.tsx', vue: 'examples/vue/main.ts' },
  absWorkingDir: root,
  outdir: 'dist/examples',
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  jsx: 'automatic',
  tsconfig: 'examples/react/tsconfig.json',
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  plugins: [koePackage],
  logLevel: 'warning',
})
