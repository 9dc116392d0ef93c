import type { Survey } from '../../../../src/config/survey'
import type { LibrarySurvey, SurveyLogEntry, SurveyStats, SurveyVersion } from '../contract/library'
import { call } from './api-call'

/** A survey of the list, with its last 30 days. */
export type ListedSurvey = LibrarySurvey & { stats: SurveyStats }
/** A survey with every version and its history. */
export type SurveyDetail = LibrarySurvey & { versions: SurveyVersion[]; log: SurveyLogEntry[] }

const at = (id: string, action = '') => `/api/library/${encodeURIComponent(id)}${action}`

/** The editor's calls (src/server/survey-api.ts). */
export const library = {
  list: () => call<{ surveys: ListedSurvey[] }>('GET', '/api/library').then((r) => r.surveys),
  get: (id: string) => call<SurveyDetail>('GET', at(id)),
  create: (definition: unknown, author: string, note: string) =>
    call<{ version: number }>('POST', '/api/library', { definition, author, note }),
  save: (id: string, definition: unknown, author: string, note: string, baseVersion: number) =>
    call<{ version: number }>('PUT', at(id), { definition, author, note, baseVersion }),
  publish: (id: string, author: string, version?: number) =>
    call<{ version: number }>('POST', at(id, '/publish'), { author, version }),
  pause: (id: string, author: string) => call('POST', at(id, '/pause'), { author }),
  archive: (id: string, author: string) => call('POST', at(id, '/archive'), { author }),
  preview: (id: string, version?: number) =>
    call<{ key: string }>('POST', at(id, '/preview'), { version }),
}

/** The definition of a survey the editor holds. */
export type { Survey }
