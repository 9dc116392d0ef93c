import { vi } from 'vitest'

/** Requests a dashboard view made through `fetch`, each answered when the test says. */
export interface Held {
  url: URL
  /** Answers the request; resolves once the view has read the body. */
  answer: (body: unknown) => Promise<void>
}

/** Replaces `fetch` with one that holds every request until the test answers it. */
export function holdRequests(): Held[] {
  const held: Held[] = []
  vi.stubGlobal(
    'fetch',
    (path: string) =>
      new Promise<Response>((resolve) =>
        held.push({
          url: new URL(path, 'http://127.0.0.1'),
          answer: (body) =>
            new Promise<void>((read) => {
              const response = new Response(JSON.stringify(body))
              const json = response.json.bind(response)
              response.json = () => json().finally(read)
              resolve(response)
            }),
        }),
      ),
  )
  return held
}
