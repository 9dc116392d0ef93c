import { isObject } from '../../../../src/lib/is-object'
import type { SurveyStats } from '../contract/library'
import { AUDIT_TARGET } from './accounts/users-api'
import { isRequestError, objectBody } from './api-input'
import { json } from './json-response'
import type { Change, LibraryResult, LibrarySurvey, SurveyLibrary } from './survey-library'

export type { SurveyStats } from '../contract/library'

/** A version number as the database keeps them: 1 up to PostgreSQL's largest integer. */
const isVersion = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 2_147_483_647

/** A library result as an HTTP answer: 400 with the field errors, 409 on a conflict, 404. */
function answer<T>(result: LibraryResult<T>, status = 200): Response {
  if (result.ok) return json(result, status)
  if (result.reason === 'invalid')
    return json({ error: 'invalid survey', errors: result.errors }, 400)
  if (result.reason === 'conflict')
    return json(
      {
        error: `someone saved version ${result.latestVersion} since you opened this survey: reload it, then make your change again`,
        latestVersion: result.latestVersion,
      },
      409,
    )
  return json({ error: result.message }, result.reason === 'exists' ? 409 : 404)
}

/** A change's author is the signed-in user; the local operator (no accounts) names themselves. */
const changeOf = (body: Record<string, unknown>, author: string | undefined): Change => ({
  author: author ?? (body.author as string),
  note: body.note as string | undefined,
})

/**
 * The editor's API (issue 14): the survey list with each one's last 30 days, a survey with its
 * versions and history, create, save (based on a version), publish, pause, roll back, archive, and
 * preview keys. Returns `null` for a path it does not serve. The caller has checked the role;
 * `author`, the signed-in user, is each change's author.
 * When the database fails, the error says so, so the editor can tell why it cannot save.
 */
export function createSurveyApi(
  library: SurveyLibrary,
  stats: (survey: LibrarySurvey) => Promise<SurveyStats>,
) {
  return async function surveyApi(
    request: Request,
    url: URL,
    author?: string,
  ): Promise<Response | null> {
    if (!url.pathname.startsWith('/api/library')) return null
    try {
      return await route(request, url, author)
    } catch (error) {
      // A value the database refused is the request's mistake: the app answers it with a 400.
      if (isRequestError(error)) throw error
      return json(
        { error: `the database did not answer, nothing was saved (${String(error)})` },
        503,
      )
    }
  }

  async function route(request: Request, url: URL, author?: string): Promise<Response | null> {
    const method = request.method
    const path = url.pathname
    if (path === '/api/library' && method === 'GET') {
      const surveys = await library.list()
      return json({
        surveys: await Promise.all(surveys.map(async (s) => ({ ...s, stats: await stats(s) }))),
      })
    }
    if (path === '/api/library' && method === 'POST') {
      const body = await objectBody(request)
      const response = answer(await library.create(body.definition, changeOf(body, author)), 201)
      const id = isObject(body.definition) ? body.definition.id : undefined
      if (typeof id === 'string') response.headers.set(AUDIT_TARGET, id.slice(0, 128))
      return response
    }
    const match =
      /^\/api\/library\/([A-Za-z0-9][A-Za-z0-9._:-]{0,127})(?:\/(publish|pause|archive|preview))?$/.exec(
        path,
      )
    if (!match) return null
    const id = match[1] as string
    const action = match[2]
    if (!action && method === 'GET') {
      const survey = await library.get(id)
      return survey ? json(survey) : json({ error: `no survey "${id}"` }, 404)
    }
    if (method === 'GET') return null
    const body = await objectBody(request)
    if (body.version !== undefined && !isVersion(body.version))
      return json({ error: 'version must be a version number of this survey (1, 2, …)' }, 400)
    const version = body.version as number | undefined
    if (!action && method === 'PUT') {
      if (!isVersion(body.baseVersion))
        return json({ error: 'baseVersion: the version your change is based on' }, 400)
      return answer(
        await library.save(id, body.definition, {
          ...changeOf(body, author),
          baseVersion: body.baseVersion as number,
        }),
      )
    }
    if (method !== 'POST') return null
    if (action === 'publish')
      return answer(await library.publish(id, changeOf(body, author), version))
    if (action === 'pause') return answer(await library.pause(id, changeOf(body, author)))
    if (action === 'archive') return answer(await library.archive(id, changeOf(body, author)))
    if (action === 'preview') {
      const key = await library.createPreview(id, version)
      return key ? json({ key }, 201) : json({ error: `no survey "${id}"` }, 404)
    }
    return null
  }
}
