import { runScreen } from '../load/lib/run-scenario.ts'
import { readScenarios, type Traffic } from '../load/lib/scenarios.ts'
import { freshDatabase, serviceMissing, startService, withAsyncCommit } from '../load/lib/service.ts'

export interface HttpFigures {
  requests: number
  perSecond: number
  rate: number
  seconds: number
  p50: number
  p95: number
  p99: number
  errors: number
  /** requests that fell due while every connection was busy */
  dropped?: number
  peakRssMiB: number | undefined
  /** the server's CPU time over the measured run per request made, in µs (Linux) */
  serverCpuMicros?: number
}

const BENCH_DATABASE = 'txscreen_bench'
const PORT = 18788

/**
 * POST /v1/screen at the load scenario's arrival rate (or `rate`), on a fresh database with PostgreSQL
 * persistence on (with `commit: 'async'`, commits that do not wait for the WAL flush), with the scenario's
 * synthetic transfers or `traffic`; a reason when it cannot run.
 */
export async function measureHttp(
  seconds: number,
  opts: { rate?: number; commit?: 'sync' | 'async'; traffic?: Traffic } = {},
): Promise<HttpFigures | { skipped: string }> {
  const { rate, commit = 'sync', traffic } = opts
  const missing = serviceMissing()
  if (missing) return { skipped: missing }
  let databaseUrl: string
  try {
    databaseUrl = await freshDatabase(BENCH_DATABASE)
  } catch (err) {
    return { skipped: `no PostgreSQL on 127.0.0.1:5432 (${(err as Error).message})` }
  }
  if (commit === 'async') databaseUrl = withAsyncCommit(databaseUrl)
  const service = await startService({ port: PORT, databaseUrl })
  if ('skipped' in service) return service
  const scenarios = readScenarios()
  try {
    const offered = rate ?? scenarios.screen.rate
    const f = await runScreen(service, scenarios, `bench-${Date.now().toString(36)}`, { seconds, rate: offered }, traffic)
    return { ...f, rate: offered, peakRssMiB: await service.stop() }
  } catch (err) {
    await service.stop()
    throw err
  }
}
