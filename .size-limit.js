// Byte budgets, checked by `npm test` (PRODUCT.md §8). Sizes are brotli, 1 kB = 1000 bytes.
export default [
  {
    name: 'script tag: dist/koe.iife.js, everything',
    path: 'dist/koe.iife.js',
    limit: '12 kB',
    brotli: true,
    // The file is already minified by terser; re-minifying it in esbuild renames identifiers and
    // changes its size, so esbuild only strips whitespace and we measure what users download.
    modifyEsbuildConfig: (config) => ({ ...config, loader: { '.js': 'copy' } }),
  },
  {
    name: 'koe/scoring: { nps } alone',
    path: 'dist/scoring.js',
    import: '{ nps }',
    limit: '1 kB',
    brotli: true,
  },
  {
    name: 'koe/scoring: { validateBatch } alone',
    path: 'dist/scoring.js',
    import: '{ validateBatch }',
    limit: '2 kB',
    brotli: true,
  },
  {
    name: 'koe/scoring: everything',
    path: 'dist/scoring.js',
    import: '*',
    limit: '4.5 kB',
    brotli: true,
  },
]
