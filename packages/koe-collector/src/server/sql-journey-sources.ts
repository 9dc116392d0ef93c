import type { SqlClient, SqlStore } from '../collector/sql-store'
import type { JourneySources } from './journey'
import { relationshipFromSql } from './relationship'
import { createSurveyLibrary } from './survey-library'

/**
 * Every survey's results, the relationship NPS and the library, from the SQL store: what the
 * journey view, the digest and the change alerts read when no request is behind them.
 */
export function sqlJourneySources(store: SqlStore, sql: SqlClient): JourneySources {
  const library = createSurveyLibrary(sql)
  return {
    results: store,
    relationship: relationshipFromSql(sql),
    surveyIds: () => store.surveyIds(),
    library: () => library.list(),
  }
}
