export interface TestPostgres {
  /** A connection string to a database the tests may create schemas in. */
  url: string
  /** True when this process started the server (and can restart it). */
  embedded: boolean
  stop(): Promise<void>
  /** Stops and starts the server again on the same port and data. */
  restart(): Promise<void>
}
export function startTestPostgres(options?: { ownServer?: boolean }): Promise<TestPostgres>
