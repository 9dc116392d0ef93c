/**
 * Who answered (or had an outcome) is one person across devices: a user id, or the anonymous id
 * of a device no user id was seen on. A device seen with a user id (an answer after `identify`)
 * belongs to that user, so what it did anonymously counts for them, once. `links` maps each such
 * device to its user; the loyalty view (issue 30) and the relationship NPS (issue 31) use it.
 */
export const LINKS_SQL = `links AS (
  SELECT DISTINCT ON (record->>'anonymousId') record->>'anonymousId' AS anonymous_id,
         record->>'userId' AS user_id
  FROM koe_records
  WHERE record ? 'userId' AND record ? 'anonymousId'
  ORDER BY record->>'anonymousId', created_at DESC
)`

/**
 * The person of the record `r` joined to `links AS l`: its user id, the user its device was seen
 * with, its anonymous id; a record with none of them (an SDK older than anonymous ids) is a person
 * of its own.
 */
export const PERSON_SQL =
  "coalesce(r.record->>'userId', l.user_id, r.record->>'anonymousId', r.id::text)"
