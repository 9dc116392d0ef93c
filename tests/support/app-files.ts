import { fileURLToPath } from 'node:url'

/**
 * What the reference server serves in a clone: the collector package's dashboard and builds, and
 * the repository's demo pages (as `npm start` runs it).
 */
export const APP_FILES = {
  assets: fileURLToPath(new URL('../../packages/koe-collector/', import.meta.url)),
  demo: fileURLToPath(new URL('../../', import.meta.url)),
}
