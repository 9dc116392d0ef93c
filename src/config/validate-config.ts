import { isObject } from '../lib/is-object'
import {
  BOOLEAN,
  type ConfigIssue,
  checkOptional,
  type Expect,
  issues,
  onlyKeys,
} from './config-error'
import { type KoeConfig, THEME_KEYS } from './koe-config'

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']
const KNOWN = [
  'endpoint',
  'surveys',
  'locale',
  'theme',
  'consent',
  'headers',
  'debug',
  'headless',
  'cooldownDays',
  'dataLayer',
  'outcomes',
]

/**
 * Checks a {@link KoeConfig} from an untyped caller (the script-tag snippet). Surveys themselves
 * are checked one by one later, so that one bad survey does not stop the others. Unknown options
 * are warnings: the config still works.
 */
export function validateConfig(
  input: unknown,
): { ok: true; value: KoeConfig; _warnings: ConfigIssue[] } | { ok: false; errors: ConfigIssue[] } {
  const { list, expect } = issues()
  if (!isObject(input)) {
    expect('(config)', 'an object like { endpoint, surveys }', input)
    return { ok: false, errors: list }
  }
  const endpoint = input.endpoint
  const url = typeof endpoint === 'string' ? parseUrl(endpoint) : null
  if (
    !url ||
    !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname)))
  ) {
    expect(
      'endpoint',
      'the absolute https: URL of your collector (http: only for localhost)',
      endpoint,
    )
  }
  const surveys = input.surveys
  if (!Array.isArray(surveys) && (typeof surveys !== 'string' || !surveys)) {
    expect('surveys', 'an array of surveys or the URL of a JSON file', surveys)
  }
  checkOptional(
    input,
    '',
    {
      locale: [(v) => typeof v === 'string' && v, 'a language tag like "ja" or "en-US"'],
      consent: [
        (v) => ['granted', 'pending', 'denied'].includes(v),
        '"granted", "pending" or "denied"',
      ],
      debug: BOOLEAN,
      dataLayer: BOOLEAN,
      headless: BOOLEAN,
      cooldownDays: [(v) => typeof v === 'number' && v >= 0 && v <= 365, 'days 0..365'],
      // Each name is checked when its event is tracked: the pattern lives with the outcome's code.
      outcomes: [
        (v) =>
          isObject(v) && Object.values(v).every((m) => isObject(m) && typeof m.name === 'string'),
        'an object like { purchase_completed: { name: "purchase", value: "total" } }',
      ],
    },
    expect,
  )
  checkStrings(input.headers, 'headers', expect)
  checkTheme(input.theme, 'theme', expect)
  if (list.length) return { ok: false, errors: list }

  // Unknown options are ignored with a warning: the config still works.
  const warnings = issues()
  onlyKeys(input, KNOWN, '', warnings.expect)
  return { ok: true, value: input as unknown as KoeConfig, _warnings: warnings.list }
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** A theme: strings for known properties, and `colorScheme` one of its three values. */
export function checkTheme(value: unknown, field: string, expect: Expect) {
  checkStrings(value, field, expect, [...THEME_KEYS, 'colorScheme'])
  const scheme = isObject(value) ? value.colorScheme : undefined
  if (scheme !== undefined && !['auto', 'light', 'dark'].includes(scheme as string))
    expect(`${field}.colorScheme`, '"auto", "light" or "dark"', scheme)
}

function checkStrings(value: unknown, field: string, expect: Expect, keys?: string[]) {
  if (value === undefined) return
  if (!isObject(value)) return expect(field, 'an object of strings', value)
  for (const [key, v] of Object.entries(value)) {
    if (keys && !keys.includes(key)) expect(`${field}.${key}`, `one of ${keys.join(', ')}`, key)
    else if (typeof v !== 'string') expect(`${field}.${key}`, 'a string', v)
  }
}
