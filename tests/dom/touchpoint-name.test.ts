// Raw trigger names as "Touchpoint" on the journey page (issue 33): each reads as words.
import { describe, expect, it } from 'vitest'
import { touchpointName } from '../../packages/koe-collector/src/dashboard/touchpoint-name'

describe('touchpointName', () => {
  it('says an event or preset in words, whatever its case or separators', () => {
    expect(touchpointName('purchase_completed')).toBe('Purchase completed')
    expect(touchpointName('post-purchase')).toBe('Post purchase')
    expect(touchpointName('exitIntent')).toBe('Exit intent')
    expect(touchpointName('checkout:step.2')).toBe('Checkout step 2')
    expect(touchpointName('pageview')).toBe('Pageview')
    expect(touchpointName('')).toBe('Not in the survey library')
  })
})
