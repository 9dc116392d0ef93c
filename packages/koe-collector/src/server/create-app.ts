import { join } from 'node:path'
import type { SurveyRecord } from '../../../../src/scoring/wire'
import { createCollector, type RequestContext } from '../collector/create-collector'
import type { RateLimiter } from '../collector/rate-limiter'
import { segmentValue } from '../collector/segment'
import type { SqlClient, SqlStore } from '../collector/sql-store'
import type { Store } from '../collector/store'
import { atLeast } from '../contract/roles'
import { createAudit } from './accounts/audit'
import { type Authenticated, createAuthenticator } from './accounts/authenticate'
import { routeOf } from './accounts/route-roles'
import { createUsers } from './accounts/users'
import { AUDIT_TARGET, createUsersApi, sessionApi } from './accounts/users-api'
import { createAnnotationsApi } from './annotations-api'
import { checkApiInput, isRequestError, MAX_OUTCOMES_BODY } from './api-input'
import { digest } from './digest'
import { CSV_HEADER, csvRows } from './export-csv'
import { filterParamProblem } from './filter-param'
import { createFollowUpApi } from './follow-up-api'
import { createGoalsApi, goalOf } from './goals-api'
import { type JourneySources, journey } from './journey'
import { json } from './json-response'
import { lastDays } from './local-days'
import { createOutcomes } from './outcomes'
import { createOutcomesApi } from './outcomes-api'
import { clientAddress, isLoopbackRequest, ownOrigins, type ProxySettings } from './proxy'
import { relationshipFromRecords, relationshipFromSql } from './relationship'
import { headline, type ResultsSource, recordsSource, segments, summarize } from './results'
import { resultsQuery } from './results-query'
import { staticFiles } from './static-files'
import { createSurveyApi, type SurveyStats } from './survey-api'
import { createSurveyLibrary, type LibrarySurvey } from './survey-library'
import { createSurveysEndpoint } from './surveys-endpoint'

/** Options of the reference server's request handler. */
export interface AppOptions {
  store: Store
  /**
   * The koe-collector package's folder: the dashboard (`public/`, `dist/dashboard.js`) and the
   * script tag (`dist/koe.iife.js`) are served from it.
   */
  assets: string
  /**
   * A clone of the repository: with it, its demo pages (`examples/`) and the SDK's npm build
   * (`dist/`) are served too, and `/` opens the demo shop (`npm start`); without it, the dashboard.
   */
  demo?: string
  /**
   * The bootstrap admin's token (`KOE_DASHBOARD_TOKEN`). When set, the dashboard API and the
   * exports need a token or a sign-in; without it, whoever reaches the server on loopback is the
   * local operator, an admin.
   */
  token?: string
  /** Origins allowed to POST answers; default any (`"*"`), as the demo pages run on loopback. */
  allowedOrigins?: string[] | '*'
  rateLimit?: RateLimiter
  /** Largest answer body in bytes; default the collector's 512 KiB. */
  maxBodyBytes?: number
  onError?: (error: unknown) => void
  /**
   * The database behind `store`: with it, the dashboard closes the loop (alert endpoints, the
   * follow-up inbox, themes, erasure; issue 16).
   */
  sql?: SqlClient
  /** A reverse proxy in front of the server: the public origin, the proxies' addresses. */
  proxy?: ProxySettings
  /** Alert endpoints on loopback and private addresses may be saved (`KOE_WEBHOOK_ALLOW_PRIVATE=1`). */
  webhookAllowPrivate?: boolean
  /** E-mail endpoints may be added: the server has an SMTP server (`KOE_SMTP_URL`). */
  mail?: boolean
}

/** Records per page of an export: a page is what an answer arriving meanwhile may wait for. */
const EXPORT_PAGE = 500
/** The longest rest between two pages of an export, in ms. */
const MAX_REST_MS = 250

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** A record without what names the person: their ids and the attributes the site told. */
function withoutPersonalData(record: SurveyRecord): SurveyRecord {
  const {
    userId: _user,
    anonymousId: _anonymous,
    attributes: _attributes,
    ...rest
  } = record as SurveyRecord & { userId?: string }
  return rest as SurveyRecord
}

/**
 * The script tag's files (issue 29): its prompt, `koe.prompt.js`, and its languages, `koe.ja.js`,
 * `koe.pt-BR.js`, …, next to `koe.iife.js`, which imports them from beside itself.
 */
const SCRIPT_TAG_FILE =
  /^\/koe\.([a-z]{2}(-[A-Z]{2})?|prompt|delivery|data-layer|page-signals|outcome)\.js$/

/** The strict policy the dashboard runs under: nothing inline, nothing from elsewhere. */
const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'"

/**
 * The reference server as one Fetch API handler: the collector at `/collect`, the demo shop and
 * SPA, the dashboard and its API, and the exports (docs/wire-format.md).
 */
export function createApp(options: AppOptions) {
  const { store } = options
  const collect = createCollector({
    store,
    outcomes: options.sql ? createOutcomes(options.sql).storeRecords : undefined,
    allowedOrigins: options.allowedOrigins ?? '*',
    rateLimit: options.rateLimit,
    maxBodyBytes: options.maxBodyBytes,
    onError: options.onError,
  })
  const { assets, demo } = options
  const files = [
    staticFiles('/dashboard/', join(assets, 'public')),
    ...(demo
      ? [
          staticFiles('/shop/', join(demo, 'examples/shop')),
          staticFiles('/spa/', join(demo, 'examples/spa')),
          // Its routes (/react/plans) are the app's: each gets index.html, as a deep link would.
          staticFiles('/react/', join(demo, 'examples/react'), true),
          staticFiles('/vue/', join(demo, 'examples/vue')),
          // Japanese for the demo pages on machines without CJK fonts (the prompt itself uses the
          // page's fonts, so it renders in these too). The pages load the 400 weight (bold is
          // synthesised) and put it first on Japanese pages (shop.css; tests/browser/fonts.spec.ts).
          staticFiles('/fonts/noto-sans-jp/', join(demo, 'node_modules/@fontsource/noto-sans-jp')),
          // The npm entry's shared chunks, for the SPA example's import map.
          staticFiles('/npm/koe/chunks/', join(demo, 'dist/chunks')),
        ]
      : []),
  ]
  /** Single built files: [folder, file] by URL path. */
  const builds: Record<string, [string, string]> = {
    '/koe.iife.js': [assets, 'dist/koe.iife.js'],
    '/dashboard.js': [assets, 'dist/dashboard.js'],
    '/dashboard-preview.js': [assets, 'dist/dashboard-preview.js'],
    ...(demo
      ? {
          // For the SPA example's import map: the npm entry, unbundled (it has no dependencies).
          '/npm/koe/index.js': [demo, 'dist/index.js'],
          // The React and Vue examples, bundled by scripts/build-examples.mjs.
          '/examples/react.js': [demo, 'dist/examples/react.js'],
          '/examples/vue.js': [demo, 'dist/examples/vue.js'],
          '/examples/own-survey.css': [demo, 'examples/own-survey.css'],
        }
      : {}),
  }
  const sqlCounts = 'counts' in store ? (store as SqlStore) : undefined
  const followUp = options.sql
    ? createFollowUpApi(
        options.sql,
        () => (store as Partial<SqlStore>).alertEndpointsChanged?.(),
        (erasure) => {
          // The erased person's segment values leave the filters now, not in a minute; and the
          // space of the deleted rows is reclaimed after the answer (it cannot be in its
          // transaction, and may take a while on a large table).
          sqlCounts?.forgetSegments()
          erasure.vacuum().catch((error) => options.onError?.(error))
        },
        { allowPrivate: options.webhookAllowPrivate, mail: options.mail },
      )
    : undefined

  const outcomesApi = options.sql ? createOutcomesApi(options.sql) : undefined
  const annotationsApi = options.sql ? createAnnotationsApi(options.sql) : undefined
  const goalsApi = options.sql ? createGoalsApi(options.sql) : undefined

  // Results come from the SQL store's rollup; a custom store without it is counted from its
  // records, one summary at a time, so that ten dashboard tabs never hold ten copies at once.
  let running: Promise<unknown> = Promise.resolve()
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const result = running.then(task, task)
    running = result.catch(() => {})
    return result
  }
  const fromRecords = recordsSource(store)
  const results: ResultsSource = sqlCounts ?? {
    counts: (query, grouping) => oneAtATime(() => fromRecords.counts(query, grouping)),
    zone: fromRecords.zone,
    dimensions: (surveyId) => oneAtATime(() => fromRecords.dimensions(surveyId)),
    comments: (query, group, limit) => oneAtATime(() => fromRecords.comments(query, group, limit)),
  }

  // Surveys edited in the dashboard and served to sites at /surveys.json (issue 14).
  const library = options.sql ? createSurveyLibrary(options.sql) : undefined
  const surveysJson =
    library && createSurveysEndpoint(library, options.allowedOrigins ?? '*', options.onError)
  const surveyStats = async (survey: LibrarySurvey): Promise<SurveyStats> =>
    headline(results, { surveyId: survey.id, ...lastDays(30, await results.zone()) })
  const surveyApi = library && createSurveyApi(library, surveyStats)
  // Every survey side by side and the relationship NPS (issue 31).
  const journeySources: JourneySources = {
    results,
    relationship: options.sql ? relationshipFromSql(options.sql) : relationshipFromRecords(store),
    surveyIds: () => store.surveyIds(),
    library: library && (() => library.list()),
  }

  // Accounts and roles (issue 28): who a request is from, and what their role lets them do.
  const users = options.sql ? createUsers(options.sql) : undefined
  const audit = options.sql ? createAudit(options.sql) : undefined
  const authenticate = createAuthenticator(options.token, users)
  const usersApi = createUsersApi(users, audit)
  /** The sign-in cookie is `Secure` when people reach the server over TLS. */
  const secure = (url: URL) =>
    url.protocol === 'https:' || (options.proxy?.publicOrigin ?? '').startsWith('https:')

  const health = async () => {
    try {
      await options.sql?.query('SELECT 1')
      return json({ ok: true }, 200)
    } catch (error) {
      options.onError?.(error)
      return json({ ok: false, error: 'the database did not answer' }, 503)
    }
  }

  return async function app(request: Request, context: RequestContext = {}): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    const proxy = options.proxy ?? {}
    if (path === '/collect')
      return collect(request, { ...context, clientAddress: clientAddress(request, context, proxy) })
    if (
      path === '/surveys.json' &&
      surveysJson &&
      (request.method === 'GET' || request.method === 'HEAD')
    )
      return surveysJson(request, url)
    const reading = request.method === 'GET' || request.method === 'HEAD'
    if (!reading && !path.startsWith('/api/')) return json({ error: 'not found' }, 404)
    // For a container's or a load balancer's health check: up, and the database answers.
    if (path === '/health') return health()
    if (path === '/') return Response.redirect(new URL(demo ? '/shop/' : '/dashboard/', url), 302)
    if (path === '/dashboard') return Response.redirect(new URL('/dashboard/', url), 302)

    if (path.startsWith('/api/') || path.startsWith('/export.')) {
      // Without a token the server listens on loopback only (settings.ts), but a web page the
      // operator visits could still reach it: through DNS rebinding (a name of the page's that
      // now points to 127.0.0.1, so the Host is that name) or a cross-site form POST. So the API
      // answers only loopback names then (the Host header as sent), and a change needs a request
      // from its own origin: as the request names it, or as the public URL or a trusted proxy say.
      if (!options.token && !isLoopbackRequest(request, url))
        return json({ error: 'without KOE_DASHBOARD_TOKEN the API answers on loopback only' }, 403)
      const origin = request.headers.get('origin')
      if (!reading && origin !== null && !ownOrigins(request, url, context, proxy).includes(origin))
        return json(
          {
            error:
              'changes are taken from the dashboard’s own origin only (behind a reverse proxy, set KOE_PUBLIC_URL)',
          },
          403,
        )
      if (path === '/api/session') {
        const input = await checkApiInput(request, url)
        if (!input.ok) return json({ error: input.error }, input.status)
        return (await sessionApi(input.request, url, users, secure(url))) as Response
      }
      const who = await authenticate(request)
      if ('error' in who)
        return new Response(JSON.stringify({ error: who.error }), {
          status: 401,
          headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
        })
      // The browser sends the cookie by itself; SameSite=Strict keeps other sites' requests from
      // carrying it, and a change must also say where it comes from.
      if (who.via === 'session' && !reading && origin === null)
        return json({ error: 'a change made with a sign-in needs its Origin header' }, 403)
      const route = routeOf(request.method, path)
      if (!route) return json({ error: 'not found' }, 404)
      if (!atLeast(who.actor.role, route.role))
        return json(
          {
            error: `this needs the ${route.role} role; ${who.actor.name} is ${who.actor.role}`,
            needs: route.role,
          },
          403,
        )
      const input = await checkApiInput(
        request,
        url,
        path === '/api/outcomes' ? MAX_OUTCOMES_BODY : undefined,
      )
      if (!input.ok) return json({ error: input.error }, input.status)
      let response: Response
      try {
        response =
          (await usersApi(input.request, url, who)) ??
          (await surveyApi?.(input.request, url, authorOf(who))) ??
          (await followUp?.(input.request, url)) ??
          (await outcomesApi?.(input.request, url)) ??
          (await annotationsApi?.(input.request, url, authorOf(who))) ??
          (await goalsApi?.(input.request, url, authorOf(who))) ??
          (reading ? await api(url, who) : json({ error: 'not found' }, 404))
      } catch (error) {
        // A value the database refuses (class 22, or a stack too deep for it) is the request's
        // mistake; anything else is the database's, and saying so lets the client retry.
        if (isRequestError(error))
          return json(
            { error: `the database refused a value of the request: ${messageOf(error)}` },
            400,
          )
        options.onError?.(error)
        return json({ error: 'the database did not answer; try again' }, 503)
      }
      const target = response.headers.get(AUDIT_TARGET) ?? route.target
      response.headers.delete(AUDIT_TARGET)
      if (route.audit && response.status < 400)
        await audit
          ?.write(who.actor, route.audit, target)
          .catch((error) => options.onError?.(error))
      return response
    }
    for (const serve of files) {
      const response = await serve(path)
      if (response) {
        if (path.startsWith('/dashboard/'))
          response.headers.set(
            'content-security-policy',
            // The editor's live preview frames this one page of its own (issue 14).
            path === '/dashboard/preview.html'
              ? DASHBOARD_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
              : DASHBOARD_CSP,
          )
        return response
      }
    }
    if (SCRIPT_TAG_FILE.test(path)) {
      const file = await staticFiles('/', join(assets, 'dist'))(path)
      if (!file) return json({ error: 'not found' }, 404)
      // A page that loads the script from this server imports these as modules, which a browser
      // fetches with CORS; they hold nothing but the prompt's code and built-in texts.
      file.headers.set('access-control-allow-origin', '*')
      return file
    }
    const build = builds[path]
    if (build) {
      const [folder, file] = build
      return (
        (await staticFiles('/', folder)(`/${file}`)) ??
        json({ error: `${join(folder, file)} is missing: run npm run build` }, 500)
      )
    }
    return json({ error: 'not found' }, 404)
  }

  /**
   * An export as a stream, a page of records at a time: memory stays bounded whatever the store
   * holds, and the next page is read only when the client has taken the last one. After each
   * page it rests as long as the page took (issue 27): a client downloading as fast as it can
   * gets at most half of the database and of the event loop, so answers arriving meanwhile wait
   * for one small page at most (a 200,000-record export had held `/collect` for seconds).
   */
  function streamPages(
    filter: Parameters<Store['records']>[0],
    head: string,
    render: (records: SurveyRecord[]) => string,
  ): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder()
    let rest = Promise.resolve()
    const pages = (
      sqlCounts
        ? store.recordPages?.(filter, EXPORT_PAGE)
        : // A custom store may not know the segment filters: they are applied here too.
          (async function* () {
            const all = await store.records(filter)
            yield all.filter((r) => !filter?.where?.some((c) => segmentValue(r, c.dim) !== c.value))
          })()
    )?.[Symbol.asyncIterator]() as AsyncIterator<SurveyRecord[]>
    return new ReadableStream({
      start(controller) {
        if (head) controller.enqueue(encoder.encode(head))
      },
      async pull(controller) {
        await rest
        const started = performance.now()
        const next = await pages.next()
        if (next.done) return controller.close()
        controller.enqueue(encoder.encode(render(next.value)))
        const took = performance.now() - started
        rest = new Promise((resolve) => setTimeout(resolve, Math.min(took, MAX_REST_MS)))
      },
      async cancel() {
        await pages.return?.()
      },
    })
  }

  /**
   * The editor's author: the signed-in user; the local operator (no accounts) names themselves
   * in the editor, as before accounts.
   */
  function authorOf(who: Authenticated): string | undefined {
    return who.via === 'local' ? undefined : who.actor.name
  }

  async function api(url: URL, who: Authenticated): Promise<Response> {
    const params = url.searchParams
    // Bad filters are the caller's mistake (400 naming the parameter), never a failed query (500).
    for (const name of ['surveyId', 'locale', 'from', 'until']) {
      const value = params.get(name)
      const problem = value === null ? null : filterParamProblem(name, value)
      if (problem) return json({ error: problem }, 400)
    }
    const exporting = url.pathname.startsWith('/export.')
    // A viewer's export holds the answers, not who gave them (issue 28).
    const shown = atLeast(who.actor.role, 'responder')
      ? (r: SurveyRecord) => r
      : withoutPersonalData
    const parsed = resultsQuery(
      params,
      await results.zone(),
      lastDays,
      !exporting && url.pathname !== '/api/journey' && url.pathname !== '/api/digest',
    )
    if ('error' in parsed && url.pathname !== '/api/surveys')
      return json({ error: parsed.error }, 400)
    // The exports take the dashboard's filters: what is seen is what is downloaded.
    const query = 'query' in parsed ? parsed.query : { surveyId: '' }
    const filter = {
      surveyId: query.surveyId || undefined,
      from: query.from,
      until: query.until,
      where: query.where,
    }
    switch (url.pathname) {
      case '/api/surveys':
        return json({ surveys: await store.surveyIds() })
      case '/api/summary':
        if (!('query' in parsed)) break
        return json({
          ...(await summarize(results, parsed.query, parsed.period, parsed.group)),
          goal: options.sql ? await goalOf(options.sql, parsed.query.surveyId) : null,
        })
      case '/api/journey': {
        if (!('query' in parsed)) break
        const { surveyId: _every, ...range } = parsed.query
        return json(await journey(journeySources, range))
      }
      case '/api/digest': {
        const period = params.get('period') ?? 'week'
        if (period !== 'day' && period !== 'week')
          return json({ error: 'period must be day or week' }, 400)
        if (!options.sql) return json({ error: 'the digest needs the SQL store' }, 404)
        return json(await digest(journeySources, options.sql, period))
      }
      case '/api/segments':
        if (!('query' in parsed)) break
        if (!parsed.dim)
          return json({ error: 'dim is required (trigger, path, device, locale, attr:<key>)' }, 400)
        return json(await segments(results, parsed.query, parsed.dim))
      case '/export.ndjson':
        return new Response(
          streamPages(filter, '', (records) =>
            records.map((r) => `${JSON.stringify(shown(r))}\n`).join(''),
          ),
          {
            headers: {
              'content-type': 'application/x-ndjson; charset=utf-8',
              'content-disposition': 'attachment; filename="koe.ndjson"',
            },
          },
        )
      case '/export.csv':
        return new Response(
          streamPages(filter, CSV_HEADER, (records) => csvRows(records.map(shown))),
          {
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': 'attachment; filename="koe.csv"',
            },
          },
        )
    }
    return json({ error: 'not found' }, 404)
  }
}
