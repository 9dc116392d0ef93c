import type { Batch, WireRecord } from '../dist/types/scoring/index.js'

/** The demo collector: see demo-server.mjs. */
export function startDemoServer(options?: {
  port?: number
  dataFile?: string
  log?: (line: string) => void
}): Promise<{
  url: string
  records: Map<string, WireRecord & Record<string, unknown>>
  batches: Batch[]
  close(): Promise<void>
}>
