/**
 * Outcomes (issue 30): what a customer did after answering — a purchase, a cancellation, a
 * refund — from the shop's backend (`POST /api/outcomes`) or the page. One row per outcome, the
 * person by user id or anonymous id, never free text. `(name, external_id)` is the order id's
 * uniqueness: importing the same export twice stores each outcome once. Erasure removes a
 * person's outcomes and counts them in the erasure log.
 */
export const OUTCOMES_MIGRATION = `
  CREATE TABLE koe_outcomes (
    name text NOT NULL,
    external_id text NOT NULL,
    user_id text,
    anonymous_id text,
    at timestamptz NOT NULL,
    value double precision,
    currency text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, external_id),
    CHECK (user_id IS NOT NULL OR anonymous_id IS NOT NULL)
  );
  CREATE INDEX koe_outcomes_name_at ON koe_outcomes (name, at);
  CREATE INDEX koe_outcomes_user ON koe_outcomes (user_id, name, at) WHERE user_id IS NOT NULL;
  CREATE INDEX koe_outcomes_anonymous ON koe_outcomes (anonymous_id, name, at)
    WHERE anonymous_id IS NOT NULL;
  ALTER TABLE koe_erasures ADD COLUMN outcomes integer NOT NULL DEFAULT 0;
`
