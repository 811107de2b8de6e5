import type { JetStreamClient, JetStreamManager } from 'nats'
import type { Hit, RuleSource, TransferRecord } from '../../core/index.ts'

/**
 * The names and messages of partitioned screening over NATS JetStream (docs/scale-out.md). One batch is one
 * run: a stream of its records per partition subject, a stream of the partitions' hits, a run entry in the
 * key-value bucket RUNS that workers watch, and a lease per partition in LEASES saying which worker serves it.
 */

/** key-value bucket of runs: key = run id, value = RunConfig */
export const RUNS_BUCKET = 'txscreen-runs'
/** key-value bucket of partition leases (`<run>.<partition>` = worker id), kept alive by the holder */
export const LEASES_BUCKET = 'txscreen-leases'
/** key-value bucket of live workers (`<worker id>` = WorkerEntry), kept alive by each worker */
export const WORKERS_BUCKET = 'txscreen-workers'
/** object store of partition state snapshots: `<run>.<partition>` = a SnapshotObject */
export const SNAPSHOTS_BUCKET = 'txscreen-snapshots'
/** a lease or a worker entry not refreshed for this long is gone: a killed worker's partitions are free again */
export const LEASE_TTL_MS = 15_000
/** how often a holder refreshes its lease and a worker its entry */
export const REFRESH_MS = 1_000

export const inStream = (run: string): string => `TXS_IN_${run}`
export const outStream = (run: string): string => `TXS_OUT_${run}`
export const inSubject = (run: string, partition: number | '*'): string => `txs.${run}.in.${partition}`
export const outSubject = (run: string, partition: number | '*'): string => `txs.${run}.out.${partition}`
export const leaseKey = (run: string, partition: number): string => `${run}.${partition}`
export const snapshotName = (run: string, partition: number): string => `${run}.${partition}`
/**
 * The durable consumer a partition's holder reads its records with; it survives the holder. Each claim of the
 * partition (a lease revision) has its own: a holder that lost its lease unawares can then never pull the
 * records meant for the next, which would leave both with a partial state.
 */
export const durableName = (partition: number, leaseRevision: number): string => `${durablePrefix(partition)}${leaseRevision}`
/** what the names of every holder's consumer of `partition` begin with */
export const durablePrefix = (partition: number): string => `partition-${partition}-r`

/** what a worker needs to screen a run's partitions: the same rules and lists as the router */
export interface RunConfig {
  run: string
  /** key partitions; the graph partition is number `partitions` */
  partitions: number
  sources: RuleSource[]
  /** the compiled ruleset's version: a worker that compiles another refuses the run */
  version: string
  /** list specs (FORMAT:PATH) every worker loads from its own disk */
  lists: string[]
  /** records a partition screens between two snapshots of its state; 0 or absent: none */
  snapshotEvery?: number
}

/** records between two snapshots of a partition's state unless the batch says otherwise (docs/scale-out.md: the cost) */
export const DEFAULT_SNAPSHOT_EVERY = 50_000

/** a worker's entry in WORKERS: which run it serves only, when started for one (`--run`) */
export interface WorkerEntry {
  run?: string
}

/** router → partition: the records of one slice of input lines that the partition must see, in input order */
export interface RecordsMessage {
  /** slice number, from 0 */
  s: number
  /** [index of the line in the slice, record] */
  r: [number, TransferRecord][]
}

/** partition → merger: the hits of one slice, sparse as most records have none */
export interface HitsMessage {
  s: number
  p: number
  /** [index of the line in the slice, the partition's hits for it] */
  h: [number, Hit[]][]
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
export const encodeJson = (v: unknown): Uint8Array => encoder.encode(JSON.stringify(v))
export const decodeJson = <T>(b: Uint8Array): T => JSON.parse(decoder.decode(b)) as T

/**
 * how long a JetStream request (a publish's acknowledgement, a consumer or bucket call) may take: on a loaded
 * machine the client's default of 5 s is too short, and a timed-out publish is only retried
 */
export const JS_TIMEOUT_MS = 60_000

/**
 * Publishes with a message id, trying again when the acknowledgement does not come: the id makes a repeat
 * that did reach the stream a duplicate JetStream drops, so retrying cannot store a message twice.
 */
export async function publishOnce(js: JetStreamClient, subject: string, data: Uint8Array, msgID: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await js.publish(subject, data, { msgID })
      return
    } catch (err) {
      if (attempt >= 5) throw err
    }
  }
}

/**
 * The keys a key-value bucket holds, from its stream's subjects. Not `KV.keys()`: on the 2.9 server an
 * ordered consumer over a bucket whose entries expire can wait forever (nats-io/nats-server#3481), and the
 * lease and worker buckets expire entries by design. A deleted key may still be listed: `get` it.
 */
export async function bucketKeys(jsm: JetStreamManager, bucket: string): Promise<string[]> {
  const info = await jsm.streams.info(`KV_${bucket}`, { subjects_filter: '>' })
  const prefix = `$KV.${bucket}.`
  return Object.keys(info.state.subjects ?? {}).map((s) => s.slice(prefix.length))
}
