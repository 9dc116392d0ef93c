/** Does nothing: the callback for a rejection Koe has nothing more to do about, and the like. */
export const noop = () => {}
