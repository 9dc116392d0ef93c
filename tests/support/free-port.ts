import { once } from 'node:events'
import { type AddressInfo, createServer } from 'node:net'

/**
 * A port on 127.0.0.1 that is free now, as the OS tells, for a server a test starts in its own
 * process. Fixed numbers collided when a second suite shared the machine ("port 18900 … is in
 * use", alerts sent to the other suite's server: loaded CI runs, issue 27).
 */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}
