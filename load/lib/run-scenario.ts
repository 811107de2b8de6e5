import { drive, type LoadFigures } from './drive.ts'
import { batchBodies, screenBodies, type Scenarios } from './scenarios.ts'
import type { RunningService } from './service.ts'

/** POST /v1/screen at a constant arrival rate: an unmeasured warm-up, then the measured run. */
export async function runScreen(service: RunningService, s: Scenarios, runId: string, override: { seconds?: number; rate?: number } = {}): Promise<LoadFigures> {
  const c = s.screen
  const body = screenBodies(s, runId)
  const common = { url: `${service.baseUrl}${c.endpoint}`, key: service.key, contentType: 'application/json', connections: c.connections, rate: override.rate ?? c.rate, body }
  if (c.warmup > 0) await drive({ ...common, seconds: c.warmup })
  return drive({ ...common, seconds: override.seconds ?? c.duration })
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
