import type { SurveyRecord } from '../../../../src/scoring/wire'
import type { Dimension } from '../contract/segments'

export type { Dimension, SegmentCondition } from '../contract/segments'

export const FIXED_DIMENSIONS = ['trigger', 'path', 'device', 'locale'] as const

/** Whether `text` names a dimension; attribute keys as the wire allows them (1..64 characters). */
export function isDimension(text: string): text is Dimension {
  return (
    (FIXED_DIMENSIONS as readonly string[]).includes(text) ||
    (text.startsWith('attr:') && text.length > 5 && text.length <= 69)
  )
}

/** The path of a URL as the rollup keeps it: no origin, query or fragment; `''` without a URL. */
export function urlPath(url: string | undefined): string {
  if (url === undefined) return ''
  const path =
    url
      .replace(/^[A-Za-z]+:\/\/[^/?#]*/, '')
      .split('?')[0]
      ?.split('#')[0] ?? ''
  return (path || '/').slice(0, 512)
}

/**
 * A record's value in a dimension, as the SQL rollup computes it (`rollup-sql.ts`): `''` when not
 * recorded, and `undefined` when the record is not in the dimension at all (an attribute it does
 * not carry, or one that is a number).
 */
export function segmentValue(record: SurveyRecord, dim: Dimension): string | undefined {
  if (dim === 'trigger') return record.trigger ?? ''
  if (dim === 'path') return urlPath(record.url)
  if (dim === 'device') return record.device ?? ''
  if (dim === 'locale') return record.locale ?? ''
  const value = record.attributes?.[dim.slice(5)]
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : undefined
}
