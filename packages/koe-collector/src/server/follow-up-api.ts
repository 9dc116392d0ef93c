import { ALL_SCORE_GROUPS } from '../../../../src/config/score-groups'
import type { ScoreGroup } from '../../../../src/config/survey'
import { isObject } from '../../../../src/lib/is-object'
import { isWellFormed } from '../../../../src/lib/well-formed'
import { isTimestamp } from '../../../../src/scoring/validate-batch'
import type { SqlClient } from '../collector/sql-store'
import { type FollowUpStatus, STATUSES } from '../contract/inbox'
import { createWebhooks, type WebhookOptions } from './alerts/webhooks'
import { jsonBody } from './api-input'
import { createErasure } from './erasure'
import { filterParamProblem } from './filter-param'
import { createInbox, type InboxFilter } from './inbox'
import { json } from './json-response'
import { rankThemesYielding } from './themes'
import { createThemesCache } from './themes-cache'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Themes read the latest comments, at most this many: enough to rank, bounded at any volume. */
const THEME_COMMENTS = 20_000

/**
 * The dashboard's API for closing the loop (issue 16): alert endpoints, the follow-up inbox, the
 * themes of the comments and erasure. Returns `null` for a path it does not serve. The caller has
 * checked the dashboard token. `onErased` runs after each erasure (caches, reclaiming space).
 */
export function createFollowUpApi(
  sql: SqlClient,
  onEndpointsChanged: () => void = () => {},
  onErased: (erasure: ReturnType<typeof createErasure>) => void = () => {},
  webhookOptions: WebhookOptions = {},
) {
  const webhooks = createWebhooks(sql, webhookOptions)
  const inbox = createInbox(sql)
  const erasure = createErasure(sql)
  /** The themes of a filter (its JSON), ranked at most once a minute; none kept past an erasure. */
  const rankFor = (key: string) =>
    inbox
      .comments(JSON.parse(key) as InboxFilter, THEME_COMMENTS)
      .then((comments) => rankThemesYielding(comments))
  let themes = createThemesCache(rankFor)

  /** Filters shared by the inbox and the themes, from the query string; a string is a mistake. */
  const filterOf = (params: URLSearchParams): InboxFilter | string => {
    const filter: InboxFilter = {}
    for (const name of ['surveyId', 'locale', 'theme', 'from', 'until', 'group', 'status']) {
      const value = params.get(name)
      if (value === null || value === '') continue
      const problem = filterParamProblem(name, value)
      if (problem) return problem
      if (name === 'group' && !ALL_SCORE_GROUPS.includes(value as ScoreGroup))
        return `group must be one of ${ALL_SCORE_GROUPS.join(', ')}`
      if (name === 'status' && !STATUSES.includes(value as FollowUpStatus))
        return `status must be one of ${STATUSES.join(', ')}`
      ;(filter as Record<string, string>)[name] = value
    }
    // attribute=plan:pro, repeatable.
    const attributes: Record<string, string> = {}
    for (const pair of params.getAll('attribute')) {
      const at = pair.indexOf(':')
      if (at < 1) return 'attribute must be name:value'
      attributes[pair.slice(0, at)] = pair.slice(at + 1)
    }
    if (Object.keys(attributes).length) filter.attributes = attributes
    const before = params.get('before')
    if (before) {
      const [createdAt, id] = before.split(',')
      if (!createdAt || !isTimestamp(createdAt) || !id || !UUID.test(id))
        return 'before must be <createdAt>,<id> of the last item'
      filter.before = { createdAt, id }
    }
    return filter
  }

  return async function followUpApi(request: Request, url: URL): Promise<Response | null> {
    const path = url.pathname
    const method = request.method
    const webhook = /^\/api\/webhooks\/([0-9a-f-]{36})(?:\/(test|resume))?$/i.exec(path)
    const item = /^\/api\/inbox\/([0-9a-f-]{36})$/i.exec(path)

    if (path === '/api/webhooks' && method === 'GET')
      return json({ webhooks: await webhooks.list() })
    if (path === '/api/webhooks' && method === 'POST') {
      const created = await webhooks.create(await jsonBody(request))
      if ('error' in created) return json(created, 400)
      onEndpointsChanged()
      return json(created, 201)
    }
    if (webhook) {
      const [, id, action] = webhook as unknown as [string, string, string | undefined]
      const done =
        method === 'POST' && action === 'test'
          ? await webhooks.sendTest(id)
          : method === 'POST' && action === 'resume'
            ? await webhooks.resume(id)
            : method === 'DELETE' && !action
              ? await webhooks.remove(id)
              : null
      if (done === null) return json({ error: 'not found' }, 404)
      if (done && method === 'DELETE') onEndpointsChanged()
      return done ? json({ ok: true }) : json({ error: 'no such endpoint' }, 404)
    }

    if (path === '/api/inbox' && method === 'GET') {
      const filter = filterOf(url.searchParams)
      if (typeof filter === 'string') return json({ error: filter }, 400)
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const items = await inbox.list({ ...filter, limit: Number.isFinite(limit) ? limit : 50 })
      const last = items.at(-1)
      return json({ items, next: last ? `${last.createdAt},${last.id}` : null })
    }
    if (item && method === 'PATCH') {
      const body = await jsonBody(request)
      if (!isObject(body) || !STATUSES.includes(body.status as never))
        return json({ error: `status must be one of ${STATUSES.join(', ')}` }, 400)
      const note = body.note ?? null
      if (note !== null && (typeof note !== 'string' || note.length > 500 || !isWellFormed(note)))
        return json({ error: 'note must be text of at most 500 characters' }, 400)
      const ok = await inbox.update(item[1] as string, body.status as never, note)
      return ok ? json({ ok: true }) : json({ error: 'no such answer' }, 404)
    }

    if (path === '/api/themes' && method === 'GET') {
      const filter = filterOf(url.searchParams)
      if (typeof filter === 'string') return json({ error: filter }, 400)
      // Themes compare the groups, so only the survey, locale and dates narrow them.
      const { surveyId, locale, from, until } = filter
      return json(await themes(JSON.stringify({ surveyId, locale, from, until })))
    }

    if (path === '/api/erase' && method === 'POST') {
      const body = await jsonBody(request)
      const subject = isObject(body)
        ? 'userId' in body
          ? 'userId'
          : 'anonymousId' in body
            ? 'anonymousId'
            : null
        : null
      const id = subject && isObject(body) ? body[subject] : null
      if (!subject || typeof id !== 'string' || !id || id.length > 256)
        return json({ error: 'send {"userId": "…"} or {"anonymousId": "…"}' }, 400)
      const report = await erasure.erase(subject, id)
      themes = createThemesCache(rankFor)
      onErased(erasure)
      return json(report)
    }
    if (path === '/api/erasures' && method === 'GET') return json({ erasures: await erasure.log() })
    return null
  }
}
