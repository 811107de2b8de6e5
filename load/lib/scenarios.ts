import { readFileSync } from 'node:fs'
import { ndjsonBody, transferSource } from './payload.js'
import type { LoadFigures } from './figures.ts'

export interface Thresholds {
  p95_ms: number
  p99_ms: number
  error_rate: number
}

export interface Scenarios {
  payload: { seed: number; accounts: number }
  screen: { endpoint: string; rate: number; duration: number; warmup: number; connections: number; thresholds: Thresholds }
  batch: { endpoint: string; concurrency: number; uploads: number; records_per_upload: number; duration: number; thresholds: Thresholds }
}

/** The scenario file the k6 scripts read too. */
export function readScenarios(path = new URL('../scenarios.json', import.meta.url)): Scenarios {
  return JSON.parse(readFileSync(path, 'utf8')) as Scenarios
}

/** One JSON transfer per call, with ids unique to this run. */
export function screenBodies(s: Scenarios, runId: string): () => string {
  const next = transferSource(s.payload.seed, s.payload.accounts, `screen-${runId}`)
  return () => JSON.stringify(next())
}

export function batchBodies(s: Scenarios, runId: string): () => string {
  const next = transferSource(s.payload.seed + 1, s.payload.accounts, `batch-${runId}`)
  return () => ndjsonBody(next, s.batch.records_per_upload)
}

/** threshold → pass/fail, with the figure, as k6 reports them */
export function judge(f: LoadFigures, t: Thresholds): { name: string; limit: string; value: string; pass: boolean }[] {
  return [
    { name: 'p95', limit: `< ${t.p95_ms} ms`, value: `${f.p95.toFixed(1)} ms`, pass: f.p95 < t.p95_ms },
    { name: 'p99', limit: `< ${t.p99_ms} ms`, value: `${f.p99.toFixed(1)} ms`, pass: f.p99 < t.p99_ms },
    { name: 'errors', limit: `<= ${(t.error_rate * 100).toFixed(2)} %`, value: `${(f.errorRate * 100).toFixed(2)} %`, pass: f.errorRate <= t.error_rate },
  ]
}
