import { randomBytes } from 'node:crypto'
import type { ConfigIssue } from '../../../../src/config/config-error'
import type { Survey } from '../../../../src/config/survey'
import { validateLibrarySurvey } from '../../../../src/config/validate-library-survey'
import type { SqlClient } from '../collector/sql-store'
import type {
  LibrarySurvey,
  SurveyLogEntry,
  SurveyStatus,
  SurveyVersion,
} from '../contract/library'

export type {
  LibrarySurvey,
  SurveyLogEntry,
  SurveyStatus,
  SurveyVersion,
} from '../contract/library'

/** Who made a change and why: the signed-in user (or the name a local operator gives) and a note. */
export interface Change {
  author: string
  note?: string
}

/** What a save or a status change resolves: done, or why not. */
export type LibraryResult<T> =
  | ({ ok: true } & T)
  | { ok: false; reason: 'invalid'; errors: ConfigIssue[] }
  | { ok: false; reason: 'conflict'; latestVersion: number }
  | { ok: false; reason: 'exists' | 'not found'; message: string }

/** How long a preview link shows its draft. */
const PREVIEW_HOURS = 24

const iso = (value: unknown) => new Date(value as string | Date).toISOString()

/** A definition as stored: the validated survey as JSON text, keys in the editor's order. */
const stored = (survey: Survey) => JSON.stringify(survey)

/** A valid author name and note, or the issue naming the field. */
function checkChange(change: Change): ConfigIssue[] {
  const problems: ConfigIssue[] = []
  if (typeof change.author !== 'string' || !change.author.trim() || change.author.length > 100)
    problems.push({ field: 'author', message: 'must be your name, 1..100 characters' })
  if (change.note !== undefined && (typeof change.note !== 'string' || change.note.length > 500))
    problems.push({ field: 'note', message: 'must be a text of at most 500 characters' })
  return problems
}

/**
 * The surveys product teams edit in the dashboard (issue 14), in the collector's database. Every
 * save is a new version, checked by the same validator the SDK runs, so nothing invalid is ever
 * stored, let alone served. A save names the version it was based on and is refused when someone
 * saved since (no silent overwrite).
 */
export function createSurveyLibrary(sql: SqlClient) {
  const surveyOf = (row: Record<string, unknown>): LibrarySurvey => ({
    id: row.id as string,
    status: row.status as SurveyStatus,
    latestVersion: Number(row.latest_version),
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
    updatedAt: iso(row.updated_at),
    definition: JSON.parse(row.definition as string),
  })

  async function log(
    id: string,
    action: SurveyLogEntry['action'],
    version: number,
    author: string,
  ) {
    await sql.query(
      'INSERT INTO koe_survey_log (survey_id, action, version, author) VALUES ($1, $2, $3, $4)',
      [id, action, version, author],
    )
  }

  /** The definition and the change, checked together; the survey's id must be `id` when given. */
  function check(input: unknown, change: Change, id?: string) {
    const result = validateLibrarySurvey(input)
    const errors = [...(result.ok ? [] : result.errors), ...checkChange(change)]
    if (result.ok && id !== undefined && result.value.id !== id)
      errors.push({ field: 'id', message: `must stay "${id}": a survey keeps its id` })
    return errors.length
      ? { ok: false as const, reason: 'invalid' as const, errors }
      : { ok: true as const, survey: input as Survey }
  }

  return {
    async list(): Promise<LibrarySurvey[]> {
      const { rows } = await sql.query(
        `SELECT s.*, v.definition FROM koe_surveys s
           JOIN koe_survey_versions v ON v.survey_id = s.id AND v.version = s.latest_version
          ORDER BY s.status = 'archived', s.updated_at DESC, s.id`,
      )
      return rows.map(surveyOf)
    },

    async get(
      id: string,
    ): Promise<(LibrarySurvey & { versions: SurveyVersion[]; log: SurveyLogEntry[] }) | null> {
      const { rows } = await sql.query(
        `SELECT s.*, v.definition FROM koe_surveys s
           JOIN koe_survey_versions v ON v.survey_id = s.id AND v.version = s.latest_version
          WHERE s.id = $1`,
        [id],
      )
      if (!rows[0]) return null
      const [versions, entries] = await Promise.all([
        sql.query('SELECT * FROM koe_survey_versions WHERE survey_id = $1 ORDER BY version DESC', [
          id,
        ]),
        sql.query('SELECT * FROM koe_survey_log WHERE survey_id = $1 ORDER BY id DESC', [id]),
      ])
      return {
        ...surveyOf(rows[0]),
        versions: versions.rows.map((v) => ({
          version: Number(v.version),
          definition: JSON.parse(v.definition as string),
          author: v.author as string,
          note: v.note as string,
          createdAt: iso(v.created_at),
        })),
        log: entries.rows.map((e) => ({
          action: e.action as SurveyLogEntry['action'],
          version: e.version === null ? null : Number(e.version),
          author: e.author as string,
          at: iso(e.at),
        })),
      }
    },

    /** A new survey, as a draft at version 1. */
    async create(input: unknown, change: Change): Promise<LibraryResult<{ version: number }>> {
      const checked = check(input, change)
      if (!checked.ok) return checked
      const { survey } = checked
      // One statement: the survey and its first version exist together or not at all.
      const { rows } = await sql.query(
        `WITH made AS (
           INSERT INTO koe_surveys (id, status, latest_version) VALUES ($1, 'draft', 1)
           ON CONFLICT (id) DO NOTHING RETURNING id
         ), saved AS (
           INSERT INTO koe_survey_versions (survey_id, version, definition, author, note)
           SELECT id, 1, $2, $3, $4 FROM made RETURNING survey_id
         )
         INSERT INTO koe_survey_log (survey_id, action, version, author)
         SELECT survey_id, 'created', 1, $3 FROM saved RETURNING version`,
        [survey.id, stored(survey), change.author.trim(), change.note ?? ''],
      )
      if (!rows[0])
        return { ok: false, reason: 'exists', message: `a survey "${survey.id}" exists already` }
      return { ok: true, version: 1 }
    },

    /**
     * Saves a new version on top of `baseVersion`. Refused as a conflict when the survey's latest
     * version is another one: someone saved in between, and their change would be lost.
     */
    async save(
      id: string,
      input: unknown,
      change: Change & { baseVersion: number },
    ): Promise<LibraryResult<{ version: number }>> {
      const checked = check(input, change, id)
      if (!checked.ok) return checked
      const { rows } = await sql.query(
        `WITH bumped AS (
           UPDATE koe_surveys SET latest_version = latest_version + 1, updated_at = now()
            WHERE id = $1 AND latest_version = $2 RETURNING id, latest_version
         ), saved AS (
           INSERT INTO koe_survey_versions (survey_id, version, definition, author, note)
           SELECT id, latest_version, $3, $4, $5 FROM bumped RETURNING survey_id, version
         )
         INSERT INTO koe_survey_log (survey_id, action, version, author)
         SELECT survey_id, 'saved', version, $4 FROM saved RETURNING version`,
        [id, change.baseVersion, stored(checked.survey), change.author.trim(), change.note ?? ''],
      )
      if (rows[0]) return { ok: true, version: Number(rows[0].version) }
      const now = await sql.query('SELECT latest_version FROM koe_surveys WHERE id = $1', [id])
      if (!now.rows[0]) return { ok: false, reason: 'not found', message: `no survey "${id}"` }
      return { ok: false, reason: 'conflict', latestVersion: Number(now.rows[0].latest_version) }
    },

    /**
     * Makes a version live (default the latest): publish, resume after a pause, or roll back to an
     * earlier version, which the log records as such.
     */
    async publish(
      id: string,
      change: Change,
      version?: number,
    ): Promise<LibraryResult<{ version: number }>> {
      const problems = checkChange(change)
      if (problems.length) return { ok: false, reason: 'invalid', errors: problems }
      const { rows } = await sql.query(
        `UPDATE koe_surveys s SET status = 'live', updated_at = now(),
                published_version = COALESCE($2, s.latest_version)
          WHERE id = $1 AND EXISTS (SELECT 1 FROM koe_survey_versions v
                  WHERE v.survey_id = s.id AND v.version = COALESCE($2, s.latest_version))
          RETURNING published_version, latest_version`,
        [id, version ?? null],
      )
      const row = rows[0]
      if (!row)
        return { ok: false, reason: 'not found', message: `no version ${version} of "${id}"` }
      const published = Number(row.published_version)
      await log(
        id,
        published < Number(row.latest_version) ? 'rolled back' : 'published',
        published,
        change.author.trim(),
      )
      return { ok: true, version: published }
    },

    /** Stops serving a live survey; publishing again resumes it. */
    async pause(id: string, change: Change) {
      return this.setStatus(id, 'paused', change, "status = 'live'")
    },

    /** Puts a survey away: never served, listed last. */
    async archive(id: string, change: Change) {
      return this.setStatus(id, 'archived', change, "status <> 'archived'")
    },

    async setStatus(
      id: string,
      status: 'paused' | 'archived',
      change: Change,
      when: string,
    ): Promise<LibraryResult<object>> {
      const problems = checkChange(change)
      if (problems.length) return { ok: false, reason: 'invalid', errors: problems }
      const { rows } = await sql.query(
        `UPDATE koe_surveys SET status = $2, updated_at = now() WHERE id = $1 AND ${when}
          RETURNING published_version`,
        [id, status],
      )
      if (!rows[0])
        return {
          ok: false,
          reason: 'not found',
          message: `"${id}" is not ${when.includes('live') ? 'live' : 'there'}`,
        }
      await log(
        id,
        status === 'paused' ? 'paused' : 'archived',
        rows[0].published_version as number,
        change.author.trim(),
      )
      return { ok: true }
    },

    /** The surveys sites get: the published version of every live survey, as JSON text. */
    async liveJson(previewKey?: string): Promise<string> {
      const { rows } = await sql.query<{ id: string; definition: string }>(
        `SELECT s.id, v.definition FROM koe_surveys s
           JOIN koe_survey_versions v ON v.survey_id = s.id AND v.version = s.published_version
          WHERE s.status = 'live' ORDER BY s.id`,
      )
      // A version saved before patterns were checked (issue 27) may hold one that could freeze
      // the host page: such a survey is left out until it is saved again.
      const served = rows.filter((r) => validateLibrarySurvey(JSON.parse(r.definition)).ok)
      const list = served.map((r) => r.definition)
      if (previewKey) {
        const draft = await this.previewDraft(previewKey)
        if (draft) {
          const at = served.findIndex((r) => r.id === draft.id)
          const text = JSON.stringify(draft)
          if (at >= 0) list[at] = text
          else list.push(text)
        }
      }
      return `[${list.join(',')}]`
    },

    /**
     * A key that shows one version of a survey, unpublished, to whoever opens the site with it,
     * for {@link PREVIEW_HOURS} hours. 128 random bits: it cannot be guessed, only handed out by
     * someone holding the dashboard token.
     */
    async createPreview(id: string, version?: number): Promise<string | null> {
      const key = randomBytes(16).toString('base64url')
      // Expired keys show nothing; they are removed as new ones are made.
      await sql.query('DELETE FROM koe_survey_previews WHERE expires_at <= now()')
      const { rows } = await sql.query(
        `INSERT INTO koe_survey_previews (key, survey_id, version, expires_at)
         SELECT $1, id, COALESCE($3, latest_version), now() + make_interval(hours => $4)
           FROM koe_surveys WHERE id = $2 RETURNING key`,
        [key, id, version ?? null, PREVIEW_HOURS],
      )
      return rows[0] ? key : null
    },

    /**
     * The draft a preview key shows, with its sample lifted (the person previewing must see it)
     * and marked `preview`, or `null` for an unknown or expired key.
     */
    async previewDraft(key: string): Promise<Survey | null> {
      const { rows } = await sql.query<{ definition: string }>(
        `SELECT v.definition FROM koe_survey_previews p
           JOIN koe_survey_versions v ON v.survey_id = p.survey_id AND v.version = p.version
          WHERE p.key = $1 AND p.expires_at > now()`,
        [key],
      )
      if (!rows[0]) return null
      const survey = JSON.parse(rows[0].definition) as Survey
      if (survey.audience?.sample !== undefined) {
        const { sample: _, ...audience } = survey.audience
        survey.audience = audience
      }
      // The SDK lifts throttling for this survey alone, and only in the tab holding the key (issue 27).
      survey.preview = true
      return survey
    },

    /**
     * Imports `surveys` as live, once: when the library has never held a survey (a fresh
     * database). The demo's surveys arrive this way; a team that archives them all keeps that.
     */
    async seed(surveys: Survey[], change: Change): Promise<number> {
      const { rows } = await sql.query('SELECT 1 FROM koe_surveys LIMIT 1')
      if (rows.length) return 0
      let added = 0
      for (const survey of surveys) {
        const made = await this.create(survey, change)
        if (made.ok && (await this.publish(survey.id, change)).ok) added++
      }
      return added
    },
  }
}

/** What {@link createSurveyLibrary} returns. */
export type SurveyLibrary = ReturnType<typeof createSurveyLibrary>
