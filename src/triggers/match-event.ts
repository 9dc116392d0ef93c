import type { EventTrigger, WhereCondition } from '../config/survey'
import { isObject } from '../lib/is-object'

/** Whether `koe.track(event, props)` fires this trigger. */
export function matchesEvent(
  trigger: EventTrigger,
  event: string,
  props: Record<string, unknown>,
): boolean {
  if (trigger.event !== event) return false
  if (!trigger.where) return true
  return Object.entries(trigger.where).every(([key, condition]) =>
    matchesCondition(props[key], condition),
  )
}

function matchesCondition(value: unknown, condition: WhereCondition): boolean {
  if (!isObject(condition)) return value === condition
  const c = condition as Exclude<WhereCondition, string | number | boolean | null>
  if (c.exists !== undefined && (value !== undefined && value !== null) !== c.exists) return false
  if (c.gte !== undefined && !(typeof value === 'number' && value >= c.gte)) return false
  if (c.lte !== undefined && !(typeof value === 'number' && value <= c.lte)) return false
  if (c.in !== undefined && !c.in.includes(value as string)) return false
  return true
}
