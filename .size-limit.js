// Byte budgets, checked by `npm test` (docs/budgets.md). Sizes are brotli, 1 kB = 1000 bytes.
export default [
  {
    name: 'script tag: dist/koe.iife.js, everything',
    path: 'dist/koe.iife.js',
    // 18.7 kB = 18,700 B: eleven languages (2.2 kB), every display mode, the dark scheme and the
    // accessibility of issue 13 on top of the 13.6 kB the delivery guarantee, triggers and
    // hardening needed, 0.3 kB for issue 18's start-up (one storage read, the queue marker,
    // surveys that cannot show left unarmed) and 0.2 kB for issue 17 (the prompt lifecycle's
    // headless hook, `data-koe-slot`) and 0.1 kB for issue 16 (`forget()` resolves the id to erase
    // on the server, a failed method still resolves its type) and 0.1 kB for issue 14's preview links
    // (a draft shown to the person who opened one); still an eighth of PostHog's 145 kB
    // (docs/budgets.md, CHANGELOG). size-limit subtracts 16 B from every brotli figure for the
    // wrapper an esbuild bundle adds; the copy loader below adds none, so the limit is lowered by
    // the same 16 B to hold the file itself to 18,700 B. tests/node/size.test.ts checks the
    // exact bytes.
    limit: '18684 B',
    brotli: true,
    // The file is already minified by terser; re-minifying it in esbuild would rename identifiers
    // and change its size, so it is measured as users download it.
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
  // What each binding adds to an app that already has Koe and its framework (issue 17).
  {
    name: 'koe/react: everything, over koe and React',
    path: 'dist/react.js',
    import: '*',
    ignore: ['koe', 'react'],
    limit: '1 kB',
    brotli: true,
  },
  {
    name: 'koe/vue: everything, over koe and Vue',
    path: 'dist/vue.js',
    import: '*',
    ignore: ['koe', 'vue'],
    limit: '1 kB',
    brotli: true,
  },
  {
    name: 'koe/scoring: everything',
    path: 'dist/scoring.js',
    import: '*',
    // 4.7 kB: 4.5 kB until issue 15 added compareMeans (the CES counterpart of compareNps, 0.11 kB)
    // and the context fields of displays and dismissals to validateRecord (0.03 kB).
    limit: '4.7 kB',
    brotli: true,
  },
]
