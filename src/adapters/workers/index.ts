import { openDb } from './database.ts'
import { workerEntry } from './entry.ts'

export type { Env } from './config.ts'
// the Durable Object class that holds a partition of the real-time state (wrangler.toml [[durable_objects.bindings]])
export { RealtimePartition } from './partition-object.ts'

export default workerEntry(openDb)
