import type { Role } from '../../contract/roles'

/** One API route: the role it needs, and what the audit log calls a change it makes. */
interface Route {
  method: string
  path: RegExp
  role: Role
  /** A change worth auditing; its target is the path's first group, when there is one. */
  audit?: string
}

const ID = '([A-Za-z0-9][A-Za-z0-9._:-]{0,127})'
const UUID = '([0-9a-fA-F-]{36})'
const route = (method: string, path: string, role: Role, audit?: string): Route => ({
  method,
  path: new RegExp(`^${path}$`),
  role,
  audit,
})

/**
 * Every route of the dashboard's API and the exports, with the least role it needs (issue 28).
 * A route missing here is not served: the table is the whole API's access policy in one place,
 * and tests/node/roles.test.ts calls each route with each role.
 */
export const ROUTES: readonly Route[] = [
  route('GET', '/api/me', 'viewer'),
  route('GET', '/api/surveys', 'viewer'),
  route('GET', '/api/summary', 'viewer'),
  route('GET', '/api/segments', 'viewer'),
  route('GET', '/api/journey', 'viewer'),
  // The digest lists the detractors to contact, who they are and what they wrote: as the inbox.
  route('GET', '/api/digest', 'responder'),
  route('GET', '/api/themes', 'viewer'),
  route('GET', '/export\\.(csv|ndjson)', 'viewer'),
  route('GET', '/api/library', 'viewer'),
  route('GET', `/api/library/${ID}`, 'viewer'),
  route('GET', '/api/loyalty', 'viewer'),
  route('GET', '/api/annotations', 'viewer'),
  // Annotations on the timelines (issue 33): an editor's, as surveys are.
  route('POST', '/api/annotations', 'editor', 'annotation.create'),
  route('PATCH', `/api/annotations/${UUID}`, 'editor', 'annotation.update'),
  route('DELETE', `/api/annotations/${UUID}`, 'editor', 'annotation.remove'),
  route('PUT', `/api/goals/${ID}`, 'editor', 'goal.set'),
  route('GET', '/api/inbox', 'responder'),
  // Who is in a cell of the loyalty matrix names people, as the inbox does.
  route('GET', '/api/loyalty/people', 'responder'),
  route('PATCH', `/api/inbox/${UUID}`, 'responder', 'inbox.update'),
  // The shop's backend sends what customers did (issue 30): an editor's or an admin's token.
  route('POST', '/api/outcomes', 'editor', 'outcomes.import'),
  route('POST', '/api/library', 'editor', 'survey.create'),
  route('PUT', `/api/library/${ID}`, 'editor', 'survey.save'),
  route('POST', `/api/library/${ID}/publish`, 'editor', 'survey.publish'),
  route('POST', `/api/library/${ID}/pause`, 'editor', 'survey.pause'),
  route('POST', `/api/library/${ID}/archive`, 'editor', 'survey.archive'),
  route('POST', `/api/library/${ID}/preview`, 'editor', 'survey.preview'),
  route('GET', '/api/webhooks', 'admin'),
  route('POST', '/api/webhooks', 'admin', 'webhook.create'),
  route('DELETE', `/api/webhooks/${UUID}`, 'admin', 'webhook.remove'),
  route('POST', `/api/webhooks/${UUID}/test`, 'admin', 'webhook.test'),
  route('POST', `/api/webhooks/${UUID}/resume`, 'admin', 'webhook.resume'),
  route('POST', '/api/erase', 'admin', 'erasure'),
  route('GET', '/api/erasures', 'admin'),
  route('GET', '/api/users', 'admin'),
  route('POST', '/api/users', 'admin', 'user.add'),
  route('DELETE', `/api/users/${UUID}`, 'admin', 'user.revoke'),
  route('POST', `/api/users/${UUID}/password`, 'admin', 'user.password'),
  route('GET', '/api/audit', 'admin'),
]

/** The route a request is for, with the target its path names; `null` for none. */
export function routeOf(
  method: string,
  path: string,
): { role: Role; audit?: string; target?: string } | null {
  const verb = method === 'HEAD' ? 'GET' : method
  for (const r of ROUTES) {
    if (r.method !== verb) continue
    const match = r.path.exec(path)
    if (match) return { role: r.role, audit: r.audit, target: match[1] }
  }
  return null
}
