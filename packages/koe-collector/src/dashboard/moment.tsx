import { h } from 'preact'
import { dateOnly, dateTime } from './i18n/translate'

/**
 * A moment as the page's language writes it, marked up as one (`<time>`): machines read the exact
 * instant, and the screenshots test masks what changes with the day it runs.
 */
export function Moment({ at, day = false }: { at: string; day?: boolean }) {
  return <time dateTime={at}>{day ? dateOnly(at) : dateTime(at)}</time>
}
