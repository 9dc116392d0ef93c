// `koe-collector` as a library: the collector as a Fetch API handler, its SQL store and schema,
// and PGlite opened the durable way, for a team that mounts Koe in its own server (docs/api.md).
import type { SqlClient } from './collector'
import { openDurablePglite as openPglite } from './server/durable-pglite'

export * from './collector'

/**
 * PGlite in `dataDir`, with fsync on: what it commits is on disk when the commit returns (PGlite
 * alone runs with fsync off). A client for `createSqlStore`; close it before the process ends.
 * Typed as the store needs it, so that PGlite's own types (which need Emscripten's) stay out of
 * your project's type check.
 */
export const openDurablePglite = (
  dataDir: string,
): Promise<SqlClient & { close(): Promise<void> }> => openPglite(dataDir)
