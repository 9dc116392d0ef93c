import { PGlite } from '@electric-sql/pglite'
import { createSqlStore } from '../../packages/koe-collector/src/collector'

/**
 * A fresh PGlite runs initdb, 3 to 5 s of CPU. Each test process pays it once and starts every
 * later database from a copy of the migrated data folder (under 1 s). The copy is taken before
 * any test writes, so each database starts empty (migrate() then finds nothing to do).
 */
let dataDir: Promise<Blob> | undefined

/** A new, empty PGlite database with the collector's schema, started from the migrated copy. */
export async function migratedPGlite(): Promise<PGlite> {
  dataDir ??= (async () => {
    const db = await PGlite.create()
    await createSqlStore(db).migrate()
    const dump = await db.dumpDataDir('none')
    await db.close()
    return dump
  })()
  return PGlite.create({ loadDataDir: await dataDir })
}
