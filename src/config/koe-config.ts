import type { OutcomeMapping } from '../core/outcome-record'
import type { Survey } from './survey'

/** Consent to store and send answers on this device. */
export type ConsentState = 'granted' | 'pending' | 'denied'

/**
 * Look of the prompt, as CSS values. Every field is optional and sets one CSS custom property
 * of the prompt (see THEME_KEYS); a value with `;`, braces, `<`, `>` or `\\` is ignored.
 */
export interface Theme {
  /** Accent colour of the selected score, the submit button and the focus ring, e.g. `"#0b57d0"`. */
  accent?: string
  /** Text colour on the accent colour. */
  accentText?: string
  /** Background of the prompt. */
  background?: string
  /** Text colour of the prompt. */
  text?: string
  /** Colour of the prompt's outline. */
  border?: string
  /** Colour of the outline of each score and of the comment box. */
  controlBorder?: string
  /** Shadow of a floating prompt, e.g. `"0 4px 24px #0003"` or `"none"`. */
  shadow?: string
  /** Corner radius, e.g. `"12px"`. */
  radius?: string
  /** Font stack. */
  font?: string
  /** Stacking order of the prompt. */
  zIndex?: string
  /**
   * `"auto"` follows the visitor's `prefers-color-scheme`; `"light"` or `"dark"` fixes it.
   * Default `"auto"`, or `"light"` when the theme sets `background` or `text` (a dark default
   * would fight a site's own colours).
   */
  colorScheme?: 'auto' | 'light' | 'dark'
}

/**
 * Theme fields other than `colorScheme`; each sets the custom property of its name in kebab case
 * (`accentText` sets `--koe-accent-text`).
 */
export const THEME_KEYS = [
  'accent',
  'accentText',
  'background',
  'text',
  'border',
  'controlBorder',
  'shadow',
  'radius',
  'font',
  'zIndex',
] as const

/** How a site configures Koe. */
export interface KoeConfig {
  /** Collector URL; absolute `https:`, or `http:` on localhost only. */
  endpoint: string
  /** The surveys, or the URL of a JSON file holding an array of them. */
  surveys: Survey[] | string
  /** BCP 47 locale; default `<html lang>`, then `navigator.language`, then `"en"`. */
  locale?: string
  /** Look of the prompt. */
  theme?: Theme
  /** `"granted"` (default); `"pending"` stores and sends nothing until `setConsent("granted")`. */
  consent?: ConsentState
  /** Extra request headers sent to the collector. */
  headers?: Record<string, string>
  /**
   * Draw every survey yourself: Koe shows no prompt and emits `show` with the survey and the
   * methods to answer it (see `HeadlessPrompt`). One survey can be headless alone with its
   * `display.headless`.
   */
  headless?: boolean
  /** Log each decision to the console. */
  debug?: boolean
  /** Days kept between any two surveys shown to a visitor (default 3). */
  cooldownDays?: number
  /**
   * Listen to GA4 ecommerce events on `window.dataLayer` (`purchase`, `add_to_cart`,
   * `remove_from_cart`, `begin_checkout`) as if tracked; see README "Triggers".
   */
  dataLayer?: boolean
  /**
   * Tracked events that are outcomes (issue 30), by event name: `{ purchase_completed: { name:
   * 'purchase', value: 'total', currency: 'currency', id: 'orderId' } }` records a `purchase`
   * each time `track('purchase_completed', props)` is called, its value, currency and id read
   * from those properties of `props`. A site that already tracks its purchases needs no new call.
   */
  outcomes?: Record<string, OutcomeMapping>
}
