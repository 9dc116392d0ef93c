/** Fills a byte array with random bytes; `crypto.getRandomValues` in browsers and Node 20. */
export type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => void

const cryptoRandom: RandomBytes = (bytes) => {
  crypto.getRandomValues(bytes)
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version 7, variant 10, 74 random bits. Ids
 * sort by creation time, which keeps the collector's primary-key index append-mostly.
 */
export function uuidv7(now: number = Date.now(), random: RandomBytes = cryptoRandom): string {
  const bytes = new Uint8Array(10)
  random(bytes)
  const hex = [...bytes].map((b) => (b + 256).toString(16).slice(1)).join('')
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12)
  const variant = ((Number.parseInt(hex[3] as string, 16) & 3) | 8).toString(16)
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(8, 20)}`
}
