import { readFileSync } from 'node:fs'
import { ndjsonBody, transferSource, uniqueRecordLine } from './payload.js'
import type { LoadFigures } from './figures.ts'

export interface Thresholds {
  p95_ms: number
  p99_ms: number
  error_rate: number
}

export interface Scenarios {
  payload: { seed: number; accounts: number }
  generated: { seed: number; records: number; accounts: number }
  screen: { endpoint: string; rate: number; duration: number; warmup: number; connections: number; thresholds: Thresholds }
  batch: { endpoint: string; concurrency: number; uploads: number; records_per_upload: number; duration: number; thresholds: Thresholds }
}

/** The scenario file the k6 scripts read too. */
export function readScenarios(path = new URL('../scenarios.json', import.meta.url)): Scenarios {
  return JSON.parse(readFileSync(path, 'utf8')) as Scenarios
}

/**
 * Where the screen scenario's transfers come from: `synthetic`, the payload generator's random transfers among
 * its accounts (self-contained, and a dense stress test), or the lines of a `txscreen generate` file, in order.
 */
export type Traffic = { kind: 'synthetic' } | { kind: 'generated'; file: string }

/** One JSON transfer per call, with ids unique to this run; `calls` is how many the run will ask for at most. */
export function screenBodies(s: Scenarios, runId: string, traffic: Traffic = { kind: 'synthetic' }, calls = 0): () => string {
  if (traffic.kind === 'synthetic') {
    const next = transferSource(s.payload.seed, s.payload.accounts, `screen-${runId}`)
    return () => JSON.stringify(next())
  }
  const lines = readFileSync(traffic.file, 'utf8').split('\n').filter((l) => l !== '')
  // replayed once, in event-time order: starting over would send transfers from before the state's latest time
  if (lines.length < calls) throw new Error(`${traffic.file} has ${lines.length} records; this run may ask for ${calls}: generate more or run shorter`)
  let i = 0
  return () => uniqueRecordLine(lines[i++]!, `screen-${runId}`)
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
