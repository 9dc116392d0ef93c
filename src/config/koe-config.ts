import type { Survey } from './survey'

/** Consent to store and send answers on this device. */
export type ConsentState = 'granted' | 'pending' | 'denied'

/** Look of the prompt, as CSS values. Every field is optional. */
export interface Theme {
  /** Accent colour of the selected score and the submit button, e.g. `"#0b57d0"`. */
  accent?: string
  /** Text colour on the accent colour. */
  accentText?: string
  /** Background of the prompt. */
  background?: string
  /** Text colour of the prompt. */
  text?: string
  /** Corner radius, e.g. `"12px"`. */
  radius?: string
  /** Font stack. */
  font?: string
  /** Stacking order of the prompt. */
  zIndex?: string
}

/** Theme fields and the custom property each one sets. */
export const THEME_PROPERTIES: Record<keyof Theme, string> = {
  accent: '--koe-accent',
  accentText: '--koe-accent-text',
  background: '--koe-bg',
  text: '--koe-text',
  radius: '--koe-radius',
  font: '--koe-font',
  zIndex: '--koe-z',
}

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
  /** Log each decision to the console. */
  debug?: boolean
  /** Days kept between any two surveys shown to a visitor (default 3). */
  cooldownDays?: number
  /**
   * Listen to GA4 ecommerce events on `window.dataLayer` (`purchase`, `add_to_cart`,
   * `remove_from_cart`, `begin_checkout`) as if tracked; see README "Triggers".
   */
  dataLayer?: boolean
}
