/**
 * Reports through the alert outbox (issue 33): an endpoint may take a daily or weekly digest and
 * alerts on a significant change of a survey's score, beside (or instead of) an alert per answer,
 * and may be an e-mail address (`mailto:`, format `email`) as well as a URL.
 * A report row carries its content, fixed when it was queued, so every retry sends the same; its
 * key (`digest:week:<from>`, `change:<survey>:<day>`) is unique per endpoint, so a report is
 * queued once however many servers look and however often they restart.
 */
export const REPORTS_MIGRATION = `
  ALTER TABLE koe_webhooks ADD COLUMN answers boolean NOT NULL DEFAULT true;
  ALTER TABLE koe_webhooks ADD COLUMN digest text CHECK (digest IN ('day', 'week'));
  ALTER TABLE koe_webhooks ADD COLUMN changes boolean NOT NULL DEFAULT false;
  ALTER TABLE koe_webhooks DROP CONSTRAINT koe_webhooks_format_check;
  ALTER TABLE koe_webhooks ADD CONSTRAINT koe_webhooks_format_check
    CHECK (format IN ('json', 'slack', 'email'));
  ALTER TABLE koe_outbox ADD COLUMN report text;
  ALTER TABLE koe_outbox ADD COLUMN payload jsonb;
  CREATE UNIQUE INDEX koe_outbox_report_once ON koe_outbox (webhook_id, report)
    WHERE report IS NOT NULL;
`
