import type { Survey } from '../config/survey'
import { DAY_MS } from '../lib/day-ms'
import { audienceBlockers, deviceClass } from '../triggers/targeting'
import { type ThrottleState, throttleBlockers } from '../triggers/throttle'
import { matchesUrl } from '../triggers/url-pattern'
import type { Attributes } from './keep-attributes'

/** What eligibility reads of the page and the visitor, each at the moment it asks. */
export interface EligibilityContext {
  _win: Window
  /** The page's locale, as `audience.locale` matches it. */
  _locale: string
  _anonymousId(): string
  _attributes(): Attributes | undefined
  _throttle(): ThrottleState
  _now(): number
  _cooldownDays?: number
  /** Surveys already shown on this page. */
  _shownHere: ReadonlySet<string>
  _consentDenied(): boolean
  /** This tab opened a preview link (issue 14): a draft the collector marked may show. */
  _preview?: boolean
}

/**
 * The draft of a preview link: marked `preview` by the collector that confirmed the link's key,
 * and honoured only in the tab that opened the link. Any other `?koe-preview=` changes nothing.
 */
const isPreview = (survey: Survey, context: EligibilityContext) =>
  context._preview && survey.preview === true

/**
 * The rules that decide whether a survey may show now: targeting, throttling, its route, this
 * page's history and consent. Returns `blockers(survey)`, every reason it would not show, in
 * words `koe.explain` and `debug` print; none means it may. A survey that waited for another
 * prompt meets that prompt's cool-down like any other (issue 27). The draft of a preview link the
 * collector confirmed shows whatever this device was asked before (issue 14).
 */
export function createEligibility(context: EligibilityContext) {
  const { _win: win } = context
  return (survey: Survey): string[] => {
    const path = win.location.pathname
    const reasons = audienceBlockers(survey.id, survey.audience, {
      path,
      anonymousId: context._anonymousId(),
      attributes: context._attributes(),
      locale: context._locale,
      device: deviceClass(win),
    })
    if (!isPreview(survey, context))
      reasons.push(
        ...throttleBlockers(survey, context._throttle(), context._now(), context._cooldownDays),
      )
    const t = survey.trigger
    if ('pageview' in t && !matchesUrl(t.pageview, path))
      reasons.push(`path ${path} no longer matches trigger.pageview`)
    if (context._shownHere.has(survey.id)) reasons.push('already shown on this page')
    if (context._consentDenied()) reasons.push('consent is denied')
    return reasons
  }
}

/**
 * Whether `survey` can show at all before this page is left: the rules that do not change while
 * it is open (audience locale, device and sample, `maxDisplays`, a recontact period lasting past
 * tomorrow). Path, attributes, consent and the cool-down can change; they are left to
 * {@link createEligibility} when a trigger fires. A survey that cannot show arms no trigger, so a
 * page where none can adds no listener and does no work.
 */
export function canShowOnThisPage(survey: Survey, context: EligibilityContext): boolean {
  const { sample, locale, device } = survey.audience ?? {}
  const fixed = audienceBlockers(
    survey.id,
    { sample, locale, device },
    {
      path: '/',
      anonymousId: context._anonymousId(),
      locale: context._locale,
      device: deviceClass(context._win),
    },
  )
  // A day on, with no cool-down: only what still holds then counts as holding all page long.
  return (
    !fixed.length &&
    (isPreview(survey, context) ||
      !throttleBlockers(survey, context._throttle(), context._now() + DAY_MS, 0).length)
  )
}

/** The rules of {@link createEligibility}. */
export type Blockers = ReturnType<typeof createEligibility>
