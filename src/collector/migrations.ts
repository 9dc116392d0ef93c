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
]
