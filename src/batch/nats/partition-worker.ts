import { randomUUID } from 'node:crypto'
import { connect, nanos, StorageType, type JetStreamClient, type JetStreamManager, type KV, type NatsConnection, type ObjectStore } from 'nats'
import { compileRuleset, PartitionPlan, type Watchlists } from '../../core/index.ts'
import { PartitionService } from './partition-service.ts'
import {
  bucketKeys, decodeJson, encodeJson, JS_TIMEOUT_MS, LEASE_TTL_MS, LEASES_BUCKET, leaseKey, REFRESH_MS, RUNS_BUCKET, SNAPSHOTS_BUCKET, WORKERS_BUCKET,
  type RunConfig, type WorkerEntry,
} from './protocol.ts'

export interface PartitionWorkerOptions {
  url: string
  /** serve this run only, and return when it ends (the workers `batch --local-workers` starts) */
  run?: string
  /** ends the worker: its partitions are handed back */
  signal?: AbortSignal
  /** loads the lists a run names, from this machine's disk */
  loadWatchlists(specs: string[]): Promise<Watchlists | undefined>
  log(msg: string): void
}

/** what the worker compiled for a run it serves */
interface RunState {
  plan: PartitionPlan
  watchlists: Watchlists | undefined
  snapshotEvery: number
}

/** opens (creating when missing) the key-value buckets and the object store partitioned screening uses */
export async function openBuckets(js: JetStreamClient): Promise<{ runs: KV; leases: KV; workers: KV; snapshots: ObjectStore }> {
  return {
    runs: await js.views.kv(RUNS_BUCKET, { history: 1 }),
    leases: await js.views.kv(LEASES_BUCKET, { history: 1, ttl: LEASE_TTL_MS }),
    workers: await js.views.kv(WORKERS_BUCKET, { history: 1, ttl: LEASE_TTL_MS }),
    // the snapshots of a run its router did not end (it died) go after a day, as its streams do
    snapshots: await js.views.os(SNAPSHOTS_BUCKET, { storage: StorageType.File, ttl: nanos(86_400_000) }),
  }
}

/**
 * A partition worker: it announces itself in WORKERS, watches RUNS, and claims partitions of the runs it
 * sees by creating their leases, up to a fair share: ceil(partitions / live workers of the run). Among the live
 * workers, sorted by id, the worker ranked k first claims the partitions p with p mod n = k; a partition
 * nobody holds for two scans in a row (its holder died, or released it) goes to whoever claims it first. A
 * worker holding more than its share (another joined) releases the excess: each stops at a records message,
 * leaves a snapshot and gives the lease back, and the newcomer starts from that snapshot. Each claimed
 * partition is served by a PartitionService.
 */
export async function runPartitionWorker(opts: PartitionWorkerOptions): Promise<void> {
  const nc = await connect({ servers: opts.url, name: 'txscreen-worker' })
  try {
    await work(nc, opts)
  } finally {
    await nc.drain().catch(() => {})
  }
}

async function work(nc: NatsConnection, opts: PartitionWorkerOptions): Promise<void> {
  const js = nc.jetstream({ timeout: JS_TIMEOUT_MS })
  const jsm = await nc.jetstreamManager({ timeout: JS_TIMEOUT_MS })
  const { runs, leases, workers, snapshots } = await openBuckets(js)
  const id = randomUUID().slice(0, 12)
  const entry = encodeJson({ ...(opts.run && { run: opts.run }) } satisfies WorkerEntry)
  await workers.put(id, entry)
  const heartbeat = setInterval(() => void workers.put(id, entry).catch(() => {}), REFRESH_MS)
  const compiled = new Map<string, RunState>()
  const serving = new Map<string, PartitionService>()
  const unheldBefore = new Set<string>()
  /** the services' serve() calls not yet returned: a worker that stops waits for them to give their leases back */
  const finishing = new Set<Promise<void>>()
  let sawRun = false
  opts.log(`worker ${id} ready${opts.run ? ` for run ${opts.run}` : ''}`)
  try {
    for (;;) {
      const live = await scan().catch((err: Error) => {
        // a slow or restarting server: try again at the next scan
        opts.log(`scan failed: ${err.message}`)
        return undefined
      })
      if (live) {
        // runs that ended: stop their partitions and forget them
        for (const [key, service] of serving) {
          const run = key.slice(0, key.lastIndexOf('.'))
          if (!live.has(run)) {
            service.stop()
            serving.delete(key)
            compiled.delete(run)
          } else if (service.stopped) serving.delete(key)
        }
        if (opts.run && sawRun && live.size === 0) return
      }
      if (opts.signal?.aborted) return
      await new Promise((r) => setTimeout(r, REFRESH_MS / 2))
    }
  } finally {
    clearInterval(heartbeat)
    for (const s of serving.values()) s.stop()
    await Promise.all(finishing)
    await workers.delete(id).catch(() => {})
  }

  /** claims what this worker should of the runs it sees; the runs still live */
  async function scan(): Promise<Set<string>> {
    const runIds = opts.run ? [opts.run] : await bucketKeys(jsm, RUNS_BUCKET)
    const live = new Set<string>()
    for (const run of runIds) {
      const got = await runs.get(run)
      if (!got || got.operation !== 'PUT') continue
      live.add(run)
      sawRun = true
      const config = decodeJson<RunConfig>(got.value)
      const state = compiled.get(run) ?? (await compile(config, opts))
      if (!state) continue
      compiled.set(run, state)
      const rank = await rankAmong(jsm, workers, id, run)
      const total = config.partitions + 1
      // a fair share: no worker holds more than this many of the run's partitions
      const share = Math.ceil(total / rank.of)
      const mine = [...serving].filter(([key, service]) => key.startsWith(`${run}.`) && !service.stopped)
      if (mine.length > share) {
        // a worker joined: hand over the partitions above the share, those another worker would claim first
        const byPreference = mine.sort(([, a], [, b]) => preferKeeping(a.partition, rank) - preferKeeping(b.partition, rank) || b.partition - a.partition)
        for (const [, service] of byPreference.slice(0, mine.length - share)) {
          opts.log(`worker ${id} releasing partition ${service.partition} of run ${run} (holds ${mine.length}, a share of ${total} among ${rank.of} is ${share})`)
          service.release()
        }
        continue
      }
      let held = mine.length
      for (let p = 0; p < total && held < share; p++) {
        const key = leaseKey(run, p)
        if (serving.get(key) && !serving.get(key)!.stopped) continue
        const lease = await leases.get(key)
        if (lease && lease.operation === 'PUT') {
          unheldBefore.delete(key)
          continue
        }
        if (p % rank.of !== rank.at && !unheldBefore.has(key)) {
          unheldBefore.add(key)
          continue
        }
        const revision = await leases.create(key, id).catch(() => undefined)
        if (revision === undefined) continue
        unheldBefore.delete(key)
        held++
        const service = new PartitionService(js, jsm, leases, run, state.plan, p, state.watchlists, revision, id, opts.log, {
          store: snapshots,
          every: state.snapshotEvery,
        })
        serving.set(key, service)
        opts.log(`worker ${id} serves partition ${p} of run ${run}`)
        const done = service.serve().catch((err: Error) => {
          opts.log(`partition ${p} of run ${run}: ${err.message}`)
          service.stop()
        })
        finishing.add(done)
        void done.finally(() => finishing.delete(done))
      }
    }
    return live
  }
}

async function compile(config: RunConfig, opts: PartitionWorkerOptions): Promise<RunState | undefined> {
  const compiled = compileRuleset(config.sources)
  if (!compiled.ok || compiled.ruleset.version !== config.version) {
    opts.log(`run ${config.run}: the rules do not compile to version ${config.version} here; not serving it`)
    return undefined
  }
  return {
    plan: new PartitionPlan(compiled.ruleset, config.partitions),
    watchlists: await opts.loadWatchlists(config.lists),
    snapshotEvery: config.snapshotEvery ?? 0,
  }
}

/** 1 for a partition this worker would claim first among `rank.of` workers (p mod n = its rank), else 0 */
function preferKeeping(partition: number, rank: { at: number; of: number }): number {
  return partition % rank.of === rank.at ? 1 : 0
}

/** this worker's place among the live workers that may serve `run`, sorted by id */
async function rankAmong(jsm: JetStreamManager, workers: KV, id: string, run: string): Promise<{ at: number; of: number }> {
  const ids: string[] = []
  for (const w of await bucketKeys(jsm, WORKERS_BUCKET)) {
    const e = await workers.get(w)
    if (!e || e.operation !== 'PUT') continue
    const { run: only } = decodeJson<WorkerEntry>(e.value)
    if (only === undefined || only === run) ids.push(w)
  }
  if (!ids.includes(id)) ids.push(id)
  ids.sort()
  return { at: ids.indexOf(id), of: ids.length }
}
