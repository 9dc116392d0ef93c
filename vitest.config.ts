import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Two of the three test environments; the third (real Chromium) is Playwright's, see
// playwright.config.ts. `npm test` runs each project on its own so the log shows each count.
export default defineConfig({
  // The sources use classic JSX with Preact's `h` (smaller than the automatic runtime).
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  // The React and Vue bindings import the package by its name, as they do once published.
  resolve: {
    alias: [
      { find: /^koe$/, replacement: fileURLToPath(new URL('src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/node/**/*.test.ts'],
          globalSetup: ['tests/node/global-setup.ts'],
          // Ceilings for reporting a failure, never waits: a PGlite start-up that takes 3 s on an
          // idle machine took over 10 s beside another CPU-heavy job, and the hook's timeout then
          // hid the cause (issue 27). Hooks and tests wait for their promises.
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/dom/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/dom/setup.ts'],
        },
      },
    ],
  },
})
