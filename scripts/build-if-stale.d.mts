/** See build-if-stale.mjs. */
export function inputsHash(): string
export function buildIsCurrent(): boolean
