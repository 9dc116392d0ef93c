/**
 * Tombstones (issue 27): what erasure removed must never be stored again, whatever a client
 * retries. A device whose acknowledgement was lost still holds the erased answers in its queue and
 * sends them again; so does a second tab, or a backup restored on the device. Erasure keeps a
 * keyed hash of each id it erased (record ids, the user id, the anonymous ids), never the id, and
 * ingest answers a record carrying one of them, created before the erasure, as accepted and
 * stores nothing. Records made after it (the person came back and answered anew) are stored.
 *
 * The key is SHA-256 of a random secret of this database (made by the migration, never sent
 * anywhere) with the kind and the id, so the table names nobody to whoever reads it without the
 * secret, and one id erased as a user id says nothing about the same string as an anonymous id.
 */

/**
 * Kinds of id erasure keeps a tombstone of: a record id, a user id, an anonymous id (everything
 * from that device), and `anonymousOf`: an anonymous id a user id answered from, whose records
 * without a user id (displays, dismissals, answers before `identify`) were that person's.
 */
export type TombstoneKind = 'record' | 'userId' | 'anonymousId' | 'anonymousOf'

/** Migration 6: the tombstones and the database's secret. */
export const TOMBSTONES_MIGRATION = `
  CREATE TABLE koe_secret (salt text NOT NULL);
  INSERT INTO koe_secret VALUES (gen_random_uuid()::text || gen_random_uuid()::text);
  CREATE TABLE koe_tombstones (
    key bytea PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now()
  );
`

/** SQL for the tombstone key of `kind` and the text expression `id` (NULL for a NULL id). */
export const tombstoneKey = (kind: TombstoneKind, id: string) =>
  `sha256(convert_to((SELECT salt FROM koe_secret) || '${kind}:' || ${id}, 'UTF8'))`

/**
 * SQL that is true when the wire record `r` (a jsonb expression) carries an erased id and was
 * made before that erasure.
 */
export const ERASED_SQL = (r: string) => `EXISTS (
    SELECT 1 FROM koe_tombstones AS t
    WHERE t.key IN (${tombstoneKey('record', `(${r}->>'id')`)}, ${tombstoneKey('userId', `(${r}->>'userId')`)},
                    ${tombstoneKey('anonymousId', `(${r}->>'anonymousId')`)},
                    ${tombstoneKey('anonymousOf', `(CASE WHEN ${r} ? 'userId' THEN NULL ELSE ${r}->>'anonymousId' END)`)})
      AND (${r}->>'createdAt')::timestamptz <= t.erased_at)`
