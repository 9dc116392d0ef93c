import { noop } from '../lib/noop'
import type { DeviceState } from './device-state'
import type { Attributes } from './keep-attributes'

/** Where the person `identify` named is kept in `koe-state`: `[userId, attributes]`. */
export const USER_KEY = 'user'

/**
 * The person `identify` named, who stays named on later pages (issue 27): kept in `koe-state`
 * while `canStore()` (consent granted), until `identify(null)` or `forget()`, so their later
 * answers, and erasure by user id, find them. The id is undefined until this page calls
 * `identify` or reads the kept one; a call wins over the read.
 */
export function createRememberedUser(state: DeviceState, canStore: () => boolean) {
  let id: string | null | undefined
  let attributes: Attributes | undefined
  const user = {
    _id: () => id,
    _attributes: () => attributes,
    /** Keeps the person named on this page, if any, for later pages. */
    _keep: () =>
      id !== undefined && canStore() && void state.set(USER_KEY, [id, attributes]).catch(noop),
    /** Reads the person named on an earlier page, unless this page named one first. */
    _read: () =>
      canStore() &&
      state.get(USER_KEY).then((kept) => {
        if (Array.isArray(kept) && id === undefined) [id, attributes] = kept
      }, noop),
    /** Names the person (null: nobody); attributes given replace the kept ones. */
    _name(next: string | null, given?: Attributes) {
      id = next
      if (next === null) attributes = undefined
      else if (given) attributes = given
      user._keep()
    },
    /** Forgets the person on this page (`forget()` clears what is stored). */
    _reset() {
      id = attributes = undefined
    },
  }
  return user
}
