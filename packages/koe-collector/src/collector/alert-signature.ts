/**
 * Signs and verifies alert deliveries (issue 16): `Koe-Signature: t=<unix seconds>,v1=<hex>`,
 * where the hex is HMAC-SHA256 with the endpoint's secret over `<t>.<body>`. The timestamp in the
 * signed text lets a receiver refuse a replayed delivery. Web Crypto only, so a receiver on any
 * runtime (Node, Deno, Bun, Workers) can verify.
 */

const encoder = new TextEncoder()

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)))
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The `Koe-Signature` header value for `body` sent at `timestamp` (Unix seconds). */
export async function signAlert(secret: string, timestamp: number, body: string): Promise<string> {
  return `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${body}`)}`
}

/**
 * Whether `header` (the `Koe-Signature` received) signs `body` (the raw request body, as text)
 * with `secret`, at most `toleranceSeconds` (default 300) from `now` (Unix ms, default now).
 */
export async function verifyAlert(
  secret: string,
  header: string | null,
  body: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): Promise<boolean> {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '')
  if (!match) return false
  const timestamp = Number(match[1])
  const now = (options.now ?? Date.now()) / 1000
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false
  const expected = await hmacHex(secret, `${timestamp}.${body}`)
  // Compared in full whatever differs first, so the time taken says nothing about the secret.
  let difference = 0
  for (let i = 0; i < expected.length; i++)
    difference |= expected.charCodeAt(i) ^ (match[2] as string).charCodeAt(i)
  return difference === 0
}
