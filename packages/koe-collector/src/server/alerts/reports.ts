import { periodKey } from '../../../../../src/scoring/period-key'
import type { SqlClient } from '../../collector/sql-store'
import type { Report, ScoreChange } from '../../contract/alerts'
import { digest } from '../digest'
import type { JourneySources } from '../journey'
import { lastDays, lastPeriod } from '../local-days'
import { dailyScoreCounts, scoreOf } from '../results'
import { CHANGE_HISTORY_DAYS, changeToAlert, LOOK_DAYS, RECENT_DAYS } from './score-change'

/** Options of {@link createReports}. */
export interface ReportsOptions {
  sql: SqlClient
  sources: JourneySources
  /** How often it looks for a report due, in ms. Default a minute. */
  intervalMs?: number
  log?: (message: string) => void
}

/**
 * Queues the reports alert endpoints asked for into the alert outbox (issue 33), which sends them
 * as it sends answer alerts (signed, retried, at least once): each endpoint's digest once the day
 * or week is over, and a change alert when a survey's score has changed significantly after a
 * whole day. A report's key is unique per endpoint, so it is queued once across looks, restarts
 * and servers; its content is fixed when queued, so a retry sends the same.
 */
export function createReports(options: ReportsOptions) {
  const { sql, sources } = options
  const intervalMs = options.intervalMs ?? 60_000
  const log = options.log ?? (() => {})
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<unknown> = Promise.resolve()
  let stopped = true
  /** The surveys this process looked at for a change after the day that ended at `day`. */
  let looked = { day: '', surveys: new Set<string>() }

  /** Queues `report` for endpoints `ids` under `key`; resolves how many were new. */
  const queue = async (ids: string[], key: string, report: Report): Promise<number> => {
    const { rows } = await sql.query(
      `INSERT INTO koe_outbox (webhook_id, record_id, next_at, report, payload)
       SELECT id, NULL, now(), $2, $3::jsonb FROM unnest($1::uuid[]) AS id
       ON CONFLICT (webhook_id, report) WHERE report IS NOT NULL DO NOTHING
       RETURNING id`,
      [ids, key, JSON.stringify(report)],
    )
    return rows.length
  }

  /** The digests due: the period is over, it ended after the endpoint was added, none sent yet. */
  const queueDigests = async (now: number): Promise<number> => {
    const timeZone = await sources.results.zone()
    let queued = 0
    for (const period of ['day', 'week'] as const) {
      const { from, until } = lastPeriod(period, timeZone, now)
      const key = `digest:${period}:${from}`
      const { rows } = await sql.query<{ id: string }>(
        `SELECT w.id FROM koe_webhooks w
         WHERE w.digest = $1 AND w.created_at < $2::timestamptz AND NOT EXISTS (
           SELECT 1 FROM koe_outbox o WHERE o.webhook_id = w.id AND o.report = $3)`,
        [period, until, key],
      )
      if (!rows.length) continue
      const content = await digest(sources, sql, period, now)
      queued += await queue(
        rows.map((row) => row.id),
        key,
        { type: 'koe.digest', digest: content },
      )
    }
    return queued
  }

  /** One survey's look after the day that ended at `until`: its change to tell, or `null`. */
  const lookAt = async (
    surveyId: string,
    timeZone: string,
    now: number,
  ): Promise<ScoreChange | null> => {
    /** The local midnight that starts the day `back` whole days before today (1: yesterday). */
    const dayStart = (back: number) => lastDays(back + 1, timeZone, now).from
    const until = dayStart(0)
    // The days a look reads, oldest first, yesterday last.
    const dayKeys = Array.from({ length: CHANGE_HISTORY_DAYS }, (_, k) =>
      periodKey(dayStart(CHANGE_HISTORY_DAYS - k), 'day', timeZone),
    )
    const { measure, days } = await dailyScoreCounts(
      sources.results,
      { surveyId, from: dayStart(CHANGE_HISTORY_DAYS), until, timeZone },
      dayKeys,
    )
    if (!measure) return null
    const found = changeToAlert(measure, days)
    if (!found) return null
    const window = (counts: number[], from: string, to: string) => {
      const { n, value, interval } = scoreOf(measure, counts)
      return { from, until: to, n, value, interval }
    }
    return {
      type: 'koe.change',
      surveyId,
      measure: measure === 'nps' ? 'nps' : 'ces',
      recent: window(found.recent, dayStart(RECENT_DAYS), until),
      baseline: window(found.baseline, dayStart(LOOK_DAYS), dayStart(RECENT_DAYS)),
      change: found.change,
    }
  }

  /**
   * Change alerts after the day that just ended: each survey an endpoint follows is looked at
   * once a day in this process (again after a restart; the key keeps the alert single).
   */
  const queueChanges = async (now: number): Promise<number> => {
    const { rows: endpoints } = await sql.query<{ id: string; survey_id: string | null }>(
      `SELECT id, rule->>'surveyId' AS survey_id FROM koe_webhooks WHERE changes`,
    )
    if (!endpoints.length) return 0
    const timeZone = await sources.results.zone()
    const day = lastDays(1, timeZone, now).from
    if (looked.day !== day) looked = { day, surveys: new Set() }
    let queued = 0
    for (const surveyId of await sources.surveyIds()) {
      const ids = endpoints
        .filter((e) => e.survey_id === null || e.survey_id === surveyId)
        .map((e) => e.id)
      if (!ids.length || looked.surveys.has(surveyId)) continue
      looked.surveys.add(surveyId)
      const change = await lookAt(surveyId, timeZone, now)
      if (change) queued += await queue(ids, `change:${surveyId}:${day}`, change)
    }
    return queued
  }

  /** Queues what is due at `now`; resolves how many reports it queued. */
  const runOnce = async (now = Date.now()): Promise<number> =>
    (await queueDigests(now)) + (await queueChanges(now))

  const tick = () => {
    running = runOnce()
      .catch((error) =>
        log(`[koe] reports not queued: ${error instanceof Error ? error.message : error}`),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs)
        // A look waiting for its time never keeps the process alive.
        timer?.unref?.()
      })
  }

  return {
    runOnce,
    start() {
      if (!stopped) return
      stopped = false
      timer = setTimeout(tick, 0)
    },
    /** Stops looking; resolves once a look in flight has ended. */
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
