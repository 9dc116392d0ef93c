// `koe-collector` as a library: the collector as a Fetch API handler, its SQL store and schema,
// and PGlite opened the durable way, for a team that mounts Koe in its own server (docs/api.md).
export * from './collector'
export { openDurablePglite } from './server/durable-pglite'
