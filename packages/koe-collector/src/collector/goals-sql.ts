/**
 * Goals (issue 33): the target a team sets for a survey's score (an NPS of 40, a CES mean of 5.5),
 * drawn on its timeline. One per survey.
 */
export const GOALS_MIGRATION = `
  CREATE TABLE koe_goals (
    survey_id text PRIMARY KEY,
    target double precision NOT NULL,
    author text,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
`
