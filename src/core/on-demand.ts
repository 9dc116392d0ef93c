/**
 * Where a Koe gets one of its parts (issue 29): at hand (the npm entry), or loaded when first
 * needed (the script tag, from a file beside it).
 */
export type PartSource<T> = () => T | Promise<T>

/** A part made once its code is at hand: `_value` from then on. */
export interface OnDemand<T> {
  _value?: T
  /**
   * Starts loading the part, if it is not at hand yet; resolves once it is, rejects once it
   * failed (the failure already reported), undefined when it is at hand. After a failure the
   * next call tries again.
   */
  _load(): Promise<unknown> | undefined
}

/**
 * A part of Koe from `source`, made by `make` once its code is at hand. A failure to load is
 * handed to `failed`; the promise `_load` returns rejects, so a caller that waits for several
 * parts stops waiting at the first that fails.
 */
export function onDemand<F, T>(
  source: PartSource<F>,
  make: (code: F) => T,
  failed: (error: unknown) => void,
): OnDemand<T> {
  let pending: Promise<unknown> | undefined
  const part: OnDemand<T> = {
    _load() {
      if (part._value) return
      if (!pending) {
        const code = source()
        if (!(code instanceof Promise)) {
          part._value = make(code)
          return
        }
        pending = code.then(
          (ready) => {
            part._value ??= make(ready)
          },
          (error) => {
            pending = undefined
            failed(error)
            throw error
          },
        )
      }
      return pending
    },
  }
  return part
}
