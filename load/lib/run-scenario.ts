import { drive } from './drive.ts'
import type { LoadFigures } from './figures.ts'
import { driveOpenLoop } from './open-loop.ts'
import { batchBodies, screenBodies, type Scenarios, type Traffic } from './scenarios.ts'
import type { RunningService } from './service.ts'

/**
 * POST /v1/screen at a constant arrival rate: an unmeasured warm-up, then the measured run. Up to 4 times
 * `connections` requests wait at once, as load/screen.js lets k6 grow from `connections` VUs to 4 times that.
 */
export async function runScreen(
  service: RunningService,
  s: Scenarios,
  runId: string,
  override: { seconds?: number; rate?: number } = {},
  traffic: Traffic = { kind: 'synthetic' },
): Promise<LoadFigures> {
  const c = s.screen
  const rate = override.rate ?? c.rate
  const seconds = override.seconds ?? c.duration
  // the warm-up and the run draw from one source, so a generated file is replayed in order across both
  const body = screenBodies(s, runId, traffic, Math.ceil(rate * (c.warmup + seconds)))
  const common = { url: `${service.baseUrl}${c.endpoint}`, key: service.key, contentType: 'application/json', maxConnections: c.connections * 4, rate, body }
  if (c.warmup > 0) await driveOpenLoop({ ...common, seconds: c.warmup })
  const cpuBefore = service.cpuSeconds()
  const f = await driveOpenLoop({ ...common, seconds })
  const cpuAfter = service.cpuSeconds()
  if (cpuBefore === undefined || cpuAfter === undefined || f.requests === 0) return f
  return { ...f, serverCpuMicros: ((cpuAfter - cpuBefore) * 1e6) / f.requests }
}

/** `uploads` NDJSON batches to POST /v1/batches, `concurrency` at a time; latency is per upload. */
export async function runBatches(service: RunningService, s: Scenarios, runId: string): Promise<LoadFigures> {
  const c = s.batch
  return drive({
    url: `${service.baseUrl}${c.endpoint}`,
    key: service.key,
    contentType: 'application/x-ndjson',
    connections: c.concurrency,
    amount: c.uploads,
    body: batchBodies(s, runId),
  })
}
