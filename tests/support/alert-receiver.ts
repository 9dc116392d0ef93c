import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An alert as a receiver got it. */
export interface ReceivedAlert {
  headers: IncomingMessage['headers']
  body: string
}

/**
 * A real HTTP receiver for alerts on a free loopback port. `mode` says how it answers: `ok` 200,
 * `fail` 503, `gone` 410, `hang` never (the connection stays open until `close`), `trickle` 200 and then a
 * body that never ends.
 */
export async function startAlertReceiver(mode: 'ok' | 'fail' | 'hang' | 'trickle' | 'gone' = 'ok') {
  const received: ReceivedAlert[] = []
  const hanging = new Set<ServerResponse>()
  const receiver = {
    mode,
    received,
    url: '',
    /** Resolves once `count` alerts have arrived (answered or not). */
    async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedAlert[]> {
      const until = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`${received.length} of ${count} alerts arrived`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      return received
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      if (receiver.mode === 'hang') return void hanging.add(response)
      if (receiver.mode === 'trickle') {
        hanging.add(response)
        return void response.writeHead(200).write('.')
      }
      response.writeHead(receiver.mode === 'ok' ? 200 : receiver.mode === 'gone' ? 410 : 503).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`
  return receiver
}
