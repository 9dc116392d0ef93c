/** A surrogate pair, or a lone half of one, or a NUL. */
const SUSPECT = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]|\0/g

/**
 * Text as a database can store it: every NUL and every lone surrogate half (a broken emoji from a
 * clipped string or a bad paste) becomes U+FFFD. PostgreSQL refuses both in `text` and `jsonb`,
 * so the collector rejects such a record; Koe mends a customer's comment before queueing it.
 */
export const wellFormed = (text: string): string =>
  text.replace(SUSPECT, (match) => (match.length > 1 ? match : '\ufffd'))

/**
 * True when the text holds no NUL and no lone surrogate: what PostgreSQL can store. With the `u`
 * flag a surrogate pair is one code point, outside the class; only a lone half is in it.
 */
export const isWellFormed = (text: string): boolean => !/[\0\ud800-\udfff]/u.test(text)

/** The first `max` UTF-16 units of a text, without cutting an emoji in half. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const last = text.charCodeAt(max - 1)
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max)
}
