import { readFile } from 'node:fs/promises'
import { partitionSurveys } from '../../../../src/config/partition-surveys'
import { surveyErrors } from '../../../../src/config/validate-survey'
import type { SurveyLibrary } from './survey-library'

/**
 * Imports a survey file into a library that has never held a survey, each survey live: the demo's
 * surveys at the first `npm start`, or a team's own file when it moves from JSON in git to the
 * editor. Invalid surveys are reported and left out, as the SDK would. Resolves how many came in.
 */
export async function seedSurveys(
  library: SurveyLibrary,
  file: string,
  report: (problem: string) => void,
): Promise<number> {
  const { surveys, _problems } = partitionSurveys(
    JSON.parse(await readFile(file, 'utf8')),
    surveyErrors,
  )
  for (const problem of _problems) report(`${file}: ${problem}`)
  return library.seed(surveys, { author: 'Koe', note: `imported from ${file}` })
}
