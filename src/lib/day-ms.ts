/** A day in milliseconds: survey JSON counts days, timers count milliseconds. */
export const DAY_MS = 86_400_000
