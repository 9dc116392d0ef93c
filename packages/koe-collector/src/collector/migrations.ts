import { ANNOTATIONS_MIGRATION } from './annotations-sql'
import { GOALS_MIGRATION } from './goals-sql'
import { LOYALTY_MIGRATION } from './loyalty-sql'
import { OUTCOMES_MIGRATION } from './outcomes-sql'
import { REPORTS_MIGRATION } from './reports-sql'
import { FOLD_WITH_LOYALTY, ROLLUP_FORGETS_MIGRATION, ROLLUP_MIGRATION } from './rollup-sql'
import { TOMBSTONES_MIGRATION } from './tombstones'

/**
 * The schema, as ordered steps. Each runs once, recorded in `koe_migrations`; the same SQL runs
 * on PGlite and on PostgreSQL 13+. Append new steps; never edit a released one. Each step runs
 * inside a PL/pgSQL block: statements end with `;` and must not contain `$koe$`.
 */
export const MIGRATIONS: string[] = [
  `CREATE TABLE koe_records (
     id uuid PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('response', 'display', 'dismiss')),
     survey_id text NOT NULL,
     type text CHECK (type IN ('nps', 'ces')),
     score smallint,
     scale smallint,
     comment text,
     created_at timestamptz NOT NULL,
     updated_at timestamptz,
     locale text,
     record jsonb NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX koe_records_survey_created ON koe_records (survey_id, created_at);`,
  // Closing the loop (issue 16): alert endpoints and their durable outbox, the follow-up inbox,
  // and the erasure log, which keeps counts and never what was erased.
  `CREATE TABLE koe_webhooks (
     id uuid PRIMARY KEY,
     name text NOT NULL,
     url text NOT NULL,
     secret text NOT NULL,
     format text NOT NULL CHECK (format IN ('json', 'slack')),
     rule jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     failing_since timestamptz,
     paused_at timestamptz
   );
   CREATE TABLE koe_outbox (
     id bigserial PRIMARY KEY,
     webhook_id uuid NOT NULL REFERENCES koe_webhooks (id) ON DELETE CASCADE,
     -- NULL for a test alert. One alert per answer and endpoint; the pair is also the receiver's
     -- idempotency key, and the index finds an answer's alerts when it is erased.
     record_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     next_at timestamptz NOT NULL,
     attempts integer NOT NULL DEFAULT 0,
     delivered_at timestamptz,
     last_status integer,
     last_error text
   );
   CREATE UNIQUE INDEX koe_outbox_once ON koe_outbox (record_id, webhook_id);
   CREATE INDEX koe_outbox_due ON koe_outbox (next_at) WHERE delivered_at IS NULL;
   CREATE TABLE koe_inbox (
     record_id uuid PRIMARY KEY,
     status text NOT NULL CHECK (status IN ('new', 'contacted', 'resolved')),
     note text,
     updated_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE koe_erasures (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT now(),
     subject text NOT NULL CHECK (subject IN ('userId', 'anonymousId')),
     records integer NOT NULL,
     notes integer NOT NULL,
     deliveries integer NOT NULL
   );
   `,
  // Results at any volume (issue 15): the rollup the dashboard reads, kept by triggers.
  ROLLUP_MIGRATION,
  // Surveys edited in the dashboard (issue 14). Every saved version is kept, as the JSON text the
  // editor sent (jsonb would reorder its keys); `published_version` is what sites get while the
  // survey is live. The log says who published, paused or rolled back what, and when. A preview
  // key shows one version to whoever holds it, until it expires.
  `CREATE TABLE koe_surveys (
     id text PRIMARY KEY,
     status text NOT NULL CHECK (status IN ('draft', 'live', 'paused', 'archived')),
     latest_version integer NOT NULL,
     published_version integer,
     updated_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE koe_survey_versions (
     survey_id text NOT NULL REFERENCES koe_surveys (id),
     version integer NOT NULL,
     definition text NOT NULL,
     author text NOT NULL,
     note text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (survey_id, version)
   );
   CREATE TABLE koe_survey_log (
     id bigserial PRIMARY KEY,
     survey_id text NOT NULL REFERENCES koe_surveys (id),
     action text NOT NULL,
     version integer,
     author text NOT NULL,
     at timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX koe_survey_log_survey ON koe_survey_log (survey_id, id);
   CREATE TABLE koe_survey_previews (
     key text PRIMARY KEY,
     survey_id text NOT NULL REFERENCES koe_surveys (id),
     version integer NOT NULL,
     expires_at timestamptz NOT NULL
   );`, // Erasure that sticks (issue 27): no rollup row is left naming what was erased, and what was
  // erased is never stored again (tombstones.ts).
  ROLLUP_FORGETS_MIGRATION,
  TOMBSTONES_MIGRATION,
  // An hourly cap per alert endpoint (issue 27): alerts beyond it are held back and counted in
  // one summary row, sent through the same outbox when the hour's window frees up.
  `ALTER TABLE koe_outbox ADD COLUMN held_back integer;
   ALTER TABLE koe_outbox ADD COLUMN held_at timestamptz;`,
  // Exports read in keyset pages ordered by (created_at, id) (issue 27): without this index each
  // page sorted the whole table, and a 200,000-record export held the database for its length.
  `CREATE INDEX koe_records_created_id ON koe_records (created_at, id);`,
  // Accounts and roles (issue 28): people with a role, a personal API token and a password for
  // the dashboard (both kept as hashes only), their sign-in sessions, and the audit log.
  `CREATE TABLE koe_users (
     id uuid PRIMARY KEY,
     name text NOT NULL UNIQUE,
     role text NOT NULL CHECK (role IN ('viewer', 'responder', 'editor', 'admin')),
     token_hash text NOT NULL UNIQUE,
     password_hash text,
     created_at timestamptz NOT NULL DEFAULT now(),
     revoked_at timestamptz
   );
   CREATE TABLE koe_sessions (
     token_hash text PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES koe_users (id) ON DELETE CASCADE,
     expires_at timestamptz NOT NULL
   );
   CREATE TABLE koe_audit (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT now(),
     actor text NOT NULL,
     role text NOT NULL,
     action text NOT NULL,
     target text
   );`,
  // The loyalty loop (issue 30): what customers did after they answered.
  OUTCOMES_MIGRATION,
  // Annotations on the timelines (issue 33): releases, incidents, campaigns.
  ANNOTATIONS_MIGRATION,
  // A goal per survey, drawn on its timeline (issue 33).
  GOALS_MIGRATION,
  // Digests and score-change alerts through the alert outbox (issue 33).
  REPORTS_MIGRATION,
  // The loyalty view's own tables (issue 30), kept as answers and outcomes arrive.
  LOYALTY_MIGRATION(FOLD_WITH_LOYALTY),
]
