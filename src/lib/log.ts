/** Writes one console line starting with `[koe]`, so a site can filter Koe's lines; never throws. */
export function log(
  level: 'error' | 'warn' | 'debug',
  message: string,
  ...details: unknown[]
): void {
  try {
    console[level](`[koe] ${message}`, ...details)
  } catch {
    /* a host that broke `console` must not have its page broken by Koe */
  }
}

/** Logs an error without ever throwing. */
export const logError = (message: string, ...details: unknown[]) =>
  log('error', message, ...details)
