import { GROUP_SQL } from '../collector/alert-rule'
import type { SqlClient } from '../collector/sql-store'
import type { ScoreGroup } from '../config/survey'
import { isObject } from '../lib/is-object'
import { isWellFormed } from '../lib/well-formed'
import { isTimestamp } from '../scoring/validate-batch'
import { createWebhooks } from './alerts/webhooks'
import { createErasure } from './erasure'
import { createInbox, type InboxFilter, STATUSES } from './inbox'
import { rankThemes } from './themes'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })

const GROUPS: ScoreGroup[] = ['detractor', 'passive', 'promoter', 'hard', 'neutral', 'easy']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Largest request body the dashboard sends, in bytes. */
const MAX_BODY = 65_536
/** Themes read the latest comments, at most this many: enough to rank, bounded at any volume. */
const THEME_COMMENTS = 20_000

/** A JSON body, or `null` when it is missing, too large or not JSON. */
async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.text()
  if (text.length > MAX_BODY) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * The dashboard's API for closing the loop (issue 16): alert endpoints, the follow-up inbox, the
 * themes of the comments and erasure. Returns `null` for a path it does not serve. The caller has
 * checked the dashboard token.
 */
export function createFollowUpApi(sql: SqlClient, onEndpointsChanged: () => void = () => {}) {
  const webhooks = createWebhooks(sql)
  const inbox = createInbox(sql)
  const erasure = createErasure(sql)

  /** Filters shared by the inbox and the themes, from the query string; a string is a mistake. */
  const filterOf = (params: URLSearchParams): InboxFilter | string => {
    const filter: InboxFilter = {}
    for (const name of ['surveyId', 'locale', 'theme', 'from', 'until', 'group', 'status']) {
      const value = params.get(name)
      if (value === null || value === '') continue
      if (!isWellFormed(value) || value.length > 256)
        return `${name} must be text of at most 256 characters`
      if ((name === 'from' || name === 'until') && !isTimestamp(value))
        return `${name} must be an ISO 8601 UTC timestamp`
      if (name === 'group' && !GROUPS.includes(value as ScoreGroup))
        return `group must be one of ${GROUPS.join(', ')}`
      if (name === 'status' && !STATUSES.includes(value as InboxFilter['status'] & string))
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
      const created = await webhooks.create(await bodyOf(request))
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
      const body = await bodyOf(request)
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
      const where = ["r.kind = 'response'", "r.comment <> ''"]
      const params: unknown[] = []
      for (const [column, value] of [
        ['r.survey_id = ', filter.surveyId],
        ['r.locale = ', filter.locale],
        ['r.created_at >= ', filter.from],
        ['r.created_at < ', filter.until],
      ] as const) {
        if (!value) continue
        params.push(value)
        where.push(`${column}$${params.length}${column.includes('created') ? '::timestamptz' : ''}`)
      }
      const { rows } = await sql.query<{ comment: string; locale: string | null; grp: ScoreGroup }>(
        `SELECT r.comment, r.locale, ${GROUP_SQL} AS grp FROM koe_records r
         WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC LIMIT ${THEME_COMMENTS}`,
        params,
      )
      return json(
        rankThemes(
          rows.map((row) => ({ comment: row.comment, locale: row.locale ?? 'en', group: row.grp })),
        ),
      )
    }

    if (path === '/api/erase' && method === 'POST') {
      const body = await bodyOf(request)
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
      return json(await erasure.erase(subject, id))
    }
    if (path === '/api/erasures' && method === 'GET') return json({ erasures: await erasure.log() })
    return null
  }
}
