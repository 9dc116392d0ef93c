/** Fills a byte array with random bytes; `crypto.getRandomValues` in browsers and Node 20. */
export type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => void

const cryptoRandom: RandomBytes = (bytes) => {
  crypto.getRandomValues(bytes)
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version 7, variant 10, 74 random bits. Ids
 * sort by creation time, which keeps the collector's primary-key index append-mostly.
 * (`crypto.randomUUID` is v4 and missing on plain-http pages, so the id is built here.)
 */
export function uuidv7(now: number = Date.now(), random: RandomBytes = cryptoRandom): string {
  const bytes = new Uint8Array(10)
  random(bytes)
  const hex = Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('')
  const time = Math.floor(Math.max(0, now)).toString(16).padStart(12, '0')
  // time(12) - version(1) rand_a(3) - variant and 2 random bits(1) rand_b(15): the two bits
  // are the last byte's lowest, which no other digit uses.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex.slice(0, 3)}-${'89ab'[(bytes[9] as number) & 3]}${hex.slice(4, 7)}-${hex.slice(7, 19)}`
}
