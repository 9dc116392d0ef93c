import { t } from './i18n/translate'

/**
 * A touchpoint as people read it (issue 33): the trigger's event or preset in words,
 * `purchase_completed` → "Purchase completed", `exitIntent` → "Exit intent"; a survey outside the
 * library has none. The name in code is shown beside it, for those who search the site's code.
 * The SDK's presets and kinds, and the common events, have their Japanese (i18n/japanese.ts).
 */
export function touchpointName(touchpoint: string): string {
  if (touchpoint === '') return t('Not in the survey library')
  const words = touchpoint
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.:-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase())
    .join(' ')
  return t(words.charAt(0).toUpperCase() + words.slice(1))
}
