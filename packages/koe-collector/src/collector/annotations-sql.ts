/**
 * Annotations (issue 33): a release, an incident, a campaign, at an instant, for one survey or
 * (`survey_id` NULL) every survey; drawn on the timelines, and a start for the period comparison.
 */
export const ANNOTATIONS_MIGRATION = `
  CREATE TABLE koe_annotations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    at timestamptz NOT NULL,
    label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
    survey_id text,
    author text,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX koe_annotations_at ON koe_annotations (at);
`
