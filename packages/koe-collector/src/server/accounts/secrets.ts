import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** A new secret for a token or a session: 32 random bytes, base64url, prefixed so it can be found in a leak. */
export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`

/**
 * What the database keeps of a token or a session id: its SHA-256. They hold 256 random bits, so
 * a fast hash is enough (a password is not: see {@link hashPassword}).
 */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex')

/** scrypt's cost (N = 2^15, r = 8, p = 1: about 32 MiB and 50–100 ms per guess). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_BYTES = 32

const derive = (password: string, salt: Buffer, options: typeof SCRYPT) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )

/** A password as kept: `scrypt$N$r$p$salt$key` (base64url), so the cost can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, SCRYPT)
  const { N, r, p } = SCRYPT
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Whether `password` is the one `stored` was made from; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, key] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** The rule for a dashboard password: 12 characters or more (NIST SP 800-63B asks for 8 at least). */
export const MIN_PASSWORD_LENGTH = 12
